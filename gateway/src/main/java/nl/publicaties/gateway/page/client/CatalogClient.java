package nl.publicaties.gateway.page.client;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import reactor.core.publisher.Mono;

/** catalog-service's public read API. HttpResponse, not bare types: a 404 must stay visible as a 404. */
@Client(id = "catalog")
public interface CatalogClient {

    @Get("/api/series")
    Mono<HttpResponse<List<SeriesSummary>>> listSeries();

    /** @param ifNoneMatch ETag of the copy the gateway holds; the catalog then answers 304 if unchanged */
    @Get("/api/series/{slug}")
    Mono<HttpResponse<SeriesPage>> findSeries(String slug,
                                              @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch);
}
