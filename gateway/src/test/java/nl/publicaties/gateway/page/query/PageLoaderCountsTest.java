package nl.publicaties.gateway.page.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import nl.publicaties.gateway.page.PublicationPage;
import nl.publicaties.gateway.page.client.CatalogClient;
import nl.publicaties.gateway.page.client.StatsClient;
import nl.publicaties.gateway.testsupport.SeriesPageMother;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A series with more documents than one stats call takes (municipal factsheets: hundreds) still shows every count:
 * the ids are asked in batches, as stats-service allows, never in one call it refuses.
 */
class PageLoaderCountsTest {

    @Test
    void givenASeriesOf450Documents_whenItsPageIsLoaded_thenEveryCountIsThere_askedInBatchesOf200() {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        PageLoader loader = loader(asked, Duration.ZERO, Duration.ofSeconds(2));

        PageResult result = loader.load(SeriesPageMother.monitorIntegriteitEnVeiligheid().slug())
                .block(Duration.ofSeconds(10));

        PublicationPage page = ((PageResult.Found) result).page();
        assertTrue(page.countsAvailable());
        List<PublicationPage.Document> shown = new ArrayList<>();
        page.editions().forEach(edition -> {
            shown.addAll(edition.documents());
            shown.addAll(edition.regionalDocuments());
        });
        assertEquals(450, shown.size());
        shown.forEach(document -> assertEquals(7, document.counts().total(), document.documentId()));
        assertEquals(List.of(200, 200, 50), asked.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void givenEachStatsCallTakingMoreThanAThirdOfTheTimeout_whenThreeBatchesAreAsked_thenSideBySideTheyFitInIt() {
        PageLoader loader = loader(new CopyOnWriteArrayList<>(), Duration.ofMillis(400), Duration.ofMillis(900));

        PageResult result = loader.load(SeriesPageMother.monitorIntegriteitEnVeiligheid().slug())
                .block(Duration.ofSeconds(10));

        assertTrue(((PageResult.Found) result).page().countsAvailable(), "three calls of 400 ms within 900 ms");
    }

    private static PageLoader loader(List<Integer> asked, Duration perCall, Duration statsTimeout) {
        SeriesPage monitor = SeriesPageMother.monitorIntegriteitEnVeiligheid();
        SeriesPage.EditionEntry first = monitor.editions().get(0);
        SeriesPage.DocumentEntry template = first.documents().get(0);
        List<SeriesPage.DocumentEntry> documents = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            String id = "00000000-0000-4000-8000-%012d".formatted(i);
            documents.add(new SeriesPage.DocumentEntry(id, template.title() + " " + i, template.kind(),
                    template.audience(), template.regionCode(), template.regionName(), "document-" + i + ".pdf",
                    template.mediaType(), template.sizeBytes(), template.sha256(), "/documents/" + id + "/document-" + i
                    + ".pdf"));
        }
        SeriesPage large = new SeriesPage(monitor.seriesId(), monitor.slug(), monitor.title(), monitor.introduction(),
                monitor.sections(), List.of(new SeriesPage.EditionEntry(first.editionId(), first.label(), first.year(),
                first.publishedOn(), first.introduction(), first.regionalIntroduction(), documents)));
        CatalogClient catalog = new CatalogClient() {
            @Override
            public Mono<HttpResponse<List<SeriesSummary>>> listSeries() {
                return Mono.empty();
            }

            @Override
            public Mono<HttpResponse<SeriesPage>> findSeries(String slug, String ifNoneMatch) {
                return Mono.just(HttpResponse.ok(large));
            }
        };
        StatsClient stats = ids -> {
            List<String> list = Arrays.asList(ids.split(","));
            asked.add(list.size());
            if (list.size() > DocumentCounts.MAX_IDS) { // as stats-service answers
                return Mono.error(new HttpClientResponseException("Bad Request", HttpResponse.badRequest()));
            }
            return Mono.<HttpResponse<DocumentCounts>>just(HttpResponse.ok(new DocumentCounts("2026-1",
                    Instant.parse("2026-11-28T10:00:00Z"),
                    list.stream().map(id -> new DocumentCounts.Entry(id, 0, 7, 7)).toList()))).delayElement(perCall);
        };
        return new PageLoader(catalog, stats, "", Duration.ofSeconds(2), statsTimeout, 3, Duration.ofSeconds(10),
                Duration.ZERO);
    }
}
