package nl.publicaties.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;
import nl.publicaties.catalog.config.AxonConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SeriesPageRebuildIT extends IntegrationTestBase {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void givenSeriesPage_whenProjectionIsResetAndReplayed_thenTheSamePageIsRebuilt() throws Exception {
        String before = await().atMost(Duration.ofSeconds(60)).until(this::fullPageEtag, tag -> tag != null);
        StreamingEventProcessor projection = processing
                .eventProcessor(AxonConfig.SERIES_PAGE, StreamingEventProcessor.class).orElseThrow();

        projection.shutDown();
        projection.resetTokens();
        assertThat(get("/api/series/" + SLUG).statusCode()).as("page tables emptied by the reset").isEqualTo(404);
        projection.start();

        await().atMost(Duration.ofSeconds(60)).until(this::fullPageEtag, before::equals);
    }

    /** ETag of the series page once all 23 seed documents are on it, else null. */
    private String fullPageEtag() throws Exception {
        HttpResponse<String> response = get("/api/series/" + SLUG);
        if (response.statusCode() != 200 || response.body().split("\"documentId\"").length - 1 != 23) {
            return null;
        }
        return response.headers().firstValue("ETag").orElse(null);
    }
}
