package nl.publicaties.gateway.page.client;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import nl.publicaties.contracts.counts.DocumentCounts;
import reactor.core.publisher.Mono;

/** stats-service's batch call: the counts of every document on a page in one request. */
@Client(id = "stats")
public interface StatsClient {

    /** @param ids comma-separated document ids */
    @Get("/api/counts{?ids}")
    Mono<HttpResponse<DocumentCounts>> findCounts(@QueryValue String ids);
}
