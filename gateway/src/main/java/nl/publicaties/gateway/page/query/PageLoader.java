package nl.publicaties.gateway.page.query;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import nl.publicaties.gateway.page.PageAssembler;
import nl.publicaties.gateway.page.client.CatalogClient;
import nl.publicaties.gateway.page.client.StatsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads a series page from the catalog and the stats service.
 *
 * <p>The counts call needs the page's document ids, which come from the catalog. The gateway therefore keeps
 * the last catalog answer per slug with its ETag: with a copy at hand it revalidates the structure and fetches
 * the counts in parallel; only the very first request for a slug has to wait for the catalog first. The same
 * copy is served (marked stale) when the catalog fails.
 *
 * <p>A merged page is reused for {@code gateway.page-fresh-for} (250 ms) from the start of its load, and requests
 * arriving while it loads wait for that same load: under load the backends see a few calls per second per page
 * instead of two per visitor (bench/gateway), while a download still shows at the next reload a moment later.
 */
@Singleton
public class PageLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PageLoader.class);

    private final CatalogClient catalog;
    private final StatsClient stats;
    private final PageAssembler assembler;
    private final Duration catalogTimeout;
    private final Duration statsTimeout;
    private final StatsCircuit statsCircuit;
    private final Map<String, CachedSeries> seriesCache = new ConcurrentHashMap<>();
    private volatile List<SeriesSummary> lastSeriesList;
    private final long freshForNanos;
    /** Found pages only (bounded by the catalog's series): unknown slugs must not fill the map. */
    private final Map<String, RecentLoad> recentLoads = new ConcurrentHashMap<>();

    public PageLoader(CatalogClient catalog, StatsClient stats,
                      @Value("${gateway.download-link-base:}") String downloadLinkBase,
                      @Value("${gateway.catalog-timeout:2s}") Duration catalogTimeout,
                      @Value("${gateway.stats-timeout:800ms}") Duration statsTimeout,
                      @Value("${gateway.stats-circuit.failure-threshold:3}") int failureThreshold,
                      @Value("${gateway.stats-circuit.open-for:10s}") Duration openFor,
                      @Value("${gateway.page-fresh-for:250ms}") Duration freshFor) {
        this.catalog = catalog;
        this.stats = stats;
        this.assembler = new PageAssembler(downloadLinkBase);
        this.catalogTimeout = catalogTimeout;
        this.statsTimeout = statsTimeout;
        this.statsCircuit = new StatsCircuit(failureThreshold, openFor, Clock.systemUTC());
        this.freshForNanos = freshFor.toNanos();
    }

    public Mono<PageResult> load(String slug) {
        if (freshForNanos <= 0) {
            return loadFromBackends(slug);
        }
        long now = System.nanoTime();
        RecentLoad load = recentLoads.compute(slug, (key, recent) ->
                recent != null && now - recent.startedAt() < freshForNanos ? recent
                        : new RecentLoad(loadFromBackends(slug).cache(), now));
        return load.result().doOnNext(result -> {
            if (!(result instanceof PageResult.Found)) {
                recentLoads.remove(slug, load);
            }
        });
    }

    private Mono<PageResult> loadFromBackends(String slug) {
        CachedSeries cached = seriesCache.get(slug);
        if (cached == null) {
            return fetchSeries(slug, null)
                    .flatMap(answer -> withCounts(answer, series -> fetchCounts(PageAssembler.documentIds(series))));
        }
        List<String> cachedIds = PageAssembler.documentIds(cached.series());
        return Mono.zip(fetchSeries(slug, cached), fetchCounts(cachedIds))
                .flatMap(both -> withCounts(both.getT1(), series ->
                        // a changed structure may hold documents the parallel call did not ask for
                        PageAssembler.documentIds(series).equals(cachedIds) ? Mono.just(both.getT2())
                                : fetchCounts(PageAssembler.documentIds(series))));
    }

    /** The index of all series; empty when the catalog is unreachable and no earlier list is known. */
    public Mono<Optional<List<SeriesSummary>>> listSeries() {
        return catalog.listSeries()
                .timeout(catalogTimeout)
                .flatMap(response -> Mono.justOrEmpty(response.getBody()))
                .doOnNext(list -> lastSeriesList = list)
                .map(Optional::of)
                .switchIfEmpty(Mono.fromSupplier(() -> Optional.ofNullable(lastSeriesList)))
                .onErrorResume(e -> {
                    LOG.warn("catalog series list failed: {}", e.toString());
                    return Mono.just(Optional.ofNullable(lastSeriesList));
                });
    }

    public boolean statsCircuitOpen() {
        return statsCircuit.isOpen();
    }

    private Mono<PageResult> withCounts(CatalogAnswer answer,
                                        java.util.function.Function<SeriesPage, Mono<Optional<DocumentCounts>>> counts) {
        if (answer instanceof CatalogAnswer.Series series) {
            return counts.apply(series.page())
                    .map(c -> (PageResult) new PageResult.Found(assembler.assemble(series.page(), c), series.stale()));
        }
        if (answer instanceof CatalogAnswer.Missing) {
            return Mono.just(new PageResult.NotFound());
        }
        return Mono.just(new PageResult.Unavailable());
    }

    private Mono<CatalogAnswer> fetchSeries(String slug, CachedSeries cached) {
        return catalog.findSeries(slug, cached == null ? null : cached.etag())
                .timeout(catalogTimeout)
                .map(response -> answer(slug, cached, response))
                // Micronaut's declarative client completes empty on a 404, even for HttpResponse return types
                .switchIfEmpty(Mono.fromSupplier(() -> missing(slug)))
                .onErrorResume(HttpClientResponseException.class,
                        e -> Mono.just(e.getStatus() == HttpStatus.NOT_FOUND
                                ? missing(slug)
                                : fallback(slug, cached, "status " + e.getStatus().getCode())))
                .onErrorResume(e -> Mono.just(fallback(slug, cached, e.toString())));
    }

    private CatalogAnswer answer(String slug, CachedSeries cached, HttpResponse<SeriesPage> response) {
        if (response.getStatus() == HttpStatus.NOT_MODIFIED && cached != null) {
            return new CatalogAnswer.Series(cached.series(), false);
        }
        if (response.getStatus() == HttpStatus.NOT_FOUND) {
            return missing(slug);
        }
        Optional<SeriesPage> body = response.getBody();
        if (response.getStatus() == HttpStatus.OK && body.isPresent()) {
            seriesCache.put(slug, new CachedSeries(body.get(), response.getHeaders().get("ETag")));
            return new CatalogAnswer.Series(body.get(), false);
        }
        return fallback(slug, cached, "status " + response.getStatus().getCode());
    }

    private CatalogAnswer missing(String slug) {
        seriesCache.remove(slug);
        return new CatalogAnswer.Missing();
    }

    private CatalogAnswer fallback(String slug, CachedSeries cached, String reason) {
        LOG.warn("catalog failed for series {}: {}{}", slug, reason, cached == null ? "" : " (serving last copy)");
        return cached == null ? new CatalogAnswer.Failed() : new CatalogAnswer.Series(cached.series(), true);
    }

    /**
     * The counts of every document on the page, asked in batches of {@link DocumentCounts#MAX_IDS} (what one stats
     * call takes; a series of municipal factsheets has more), side by side, all within the one stats timeout. Any batch
     * missing means a page without counts, never a page with some.
     */
    private Mono<Optional<DocumentCounts>> fetchCounts(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Optional.of(new DocumentCounts(null, null, List.of())));
        }
        if (!statsCircuit.allowsCall()) {
            return Mono.just(Optional.empty());
        }
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += DocumentCounts.MAX_IDS) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + DocumentCounts.MAX_IDS)));
        }
        return Flux.fromIterable(batches)
                // at once, not one after another: all of them must fit in the one timeout
                .flatMapSequential(batch -> stats.findCounts(String.join(",", batch))
                        .flatMap(response -> Mono.justOrEmpty(response.getBody())))
                .collectList()
                .filter(answers -> answers.size() == batches.size())
                .map(PageLoader::joined)
                .timeout(statsTimeout)
                .map(Optional::of)
                .doOnNext(c -> statsCircuit.recordSuccess())
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    statsCircuit.recordFailure();
                    return Optional.empty();
                }))
                .onErrorResume(e -> {
                    LOG.warn("stats counts failed, page without counts: {}", e.toString());
                    statsCircuit.recordFailure();
                    return Mono.just(Optional.empty());
                });
    }

    /** One answer from the answers to the batches, in the order asked (asOf: the newest event in any). */
    private static DocumentCounts joined(List<DocumentCounts> answers) {
        if (answers.size() == 1) {
            return answers.get(0);
        }
        List<DocumentCounts.Entry> documents = new ArrayList<>();
        Instant asOf = null;
        for (DocumentCounts answer : answers) {
            documents.addAll(answer.documents());
            asOf = answer.asOf() != null && (asOf == null || answer.asOf().isAfter(asOf)) ? answer.asOf() : asOf;
        }
        return new DocumentCounts(answers.get(0).policyVersion(), asOf, documents);
    }

    private record CachedSeries(SeriesPage series, String etag) {
    }

    private record RecentLoad(Mono<PageResult> result, long startedAt) {
    }

    private sealed interface CatalogAnswer {
        record Series(SeriesPage page, boolean stale) implements CatalogAnswer {
        }

        record Missing() implements CatalogAnswer {
        }

        record Failed() implements CatalogAnswer {
        }
    }
}
