package nl.publicaties.stats.counts.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.publicaties.contracts.counts.DocumentCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live series' per-document figures (baseline and counted), held in memory for the gateway's page call:
 * answering 50 ids is 50 map lookups, with no database round trip competing with the projection for the
 * cores.
 *
 * <p>The snapshot is read from PostgreSQL in one repeatable-read transaction, so its {@code asOf} and its
 * counts belong together, exactly as the single-statement query did. A refresher checks every
 * {@code stats.counts.refresh-interval} (default 100 ms) whether the live series changed: another series went
 * live, its raw event count moved (every newly counted or excluded event moves it, also a late one that leaves
 * {@code as_of} alone), or a baseline was imported. Only then is the snapshot reloaded, whole. The next check
 * waits at least four times as long as that reload took, so a large catalog changing on every check costs at most
 * a fifth of a core (and is visible a little later). This works the same for any number of instances over one
 * database: each one follows every instance's projection, one check (plus a reload) behind.
 *
 * <p>If the database cannot be read, the last snapshot keeps being served; its {@code asOf} says how old it is,
 * and the {@code stats.counts.snapshot.age} gauge grows. Before the first snapshot (start-up), a request loads one
 * itself.
 */
@Component
public class LiveCounts implements DisposableBean {

    private static final Log LOG = LogFactory.getLog(LiveCounts.class);

    /** What identifies one state of the live figures. */
    record Version(String seriesId, Instant asOf, long rawEvents, long baselineImport) {
    }

    record Figures(long baseline, long counted) {
        static final Figures NONE = new Figures(0, 0);
    }

    record Snapshot(Version version, String policyVersion, Map<UUID, Figures> documents) {
    }

    private static final String VERSION = """
            select s.series_id, s.policy_version, s.as_of, s.counted_events + s.excluded_events,
                   (select coalesce(max(id), 0) from baseline_import)
            from counting_series s where s.live
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readSnapshot;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-counts-refresher");
        thread.setDaemon(true);
        return thread;
    });
    private final Timer loads;
    private volatile Snapshot current;
    private volatile Instant lastChecked;
    private volatile boolean failing;
    private volatile long lastLoadNanos;

    public LiveCounts(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry registry,
            @Value("${stats.counts.refresh-interval:100ms}") Duration interval) {
        this.jdbc = jdbc;
        this.readSnapshot = new TransactionTemplate(transactions);
        this.readSnapshot.setReadOnly(true);
        this.readSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("stats.counts.refresh-interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.clock = Clock.systemUTC();
        Gauge.builder("stats.counts.snapshot.age", this, LiveCounts::secondsSinceChecked)
                .description("Seconds since the served counts were last checked against the database")
                .baseUnit("seconds")
                .register(registry);
        this.loads = Timer.builder("stats.counts.snapshot.load")
                .description("Reading the live figures into memory after they changed")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** One entry per asked id, in the order asked; an id the live series has no figures for has zeros. */
    public DocumentCounts counts(List<UUID> documentIds) {
        Snapshot snapshot = current;
        if (snapshot == null) {
            snapshot = refresh();
        }
        List<DocumentCounts.Entry> entries = new ArrayList<>(documentIds.size());
        for (UUID id : documentIds) {
            Figures figures = snapshot.documents().getOrDefault(id, Figures.NONE);
            entries.add(new DocumentCounts.Entry(id.toString(), figures.baseline(), figures.counted(),
                    figures.baseline() + figures.counted()));
        }
        return new DocumentCounts(snapshot.policyVersion(), snapshot.version().asOf(), entries);
    }

    /**
     * Starts checking for changes once the service is up (after the baseline import). The first check runs at
     * once, on the refresher thread: a database that does not answer yet is logged and retried, it does not stop
     * the service from starting.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void startRefreshing() {
        refresher.schedule(this::refreshAndReschedule, 0, TimeUnit.NANOSECONDS);
    }

    /**
     * One check, then the next one after the interval, or after four times the last reload if that took longer:
     * reloading a large catalog on every change must not take more than a fifth of a core from the projection.
     */
    private void refreshAndReschedule() {
        try {
            refreshQuietly();
        } finally {
            if (!refresher.isShutdown()) {
                long delay = Math.max(interval.toNanos(), 4 * lastLoadNanos);
                refresher.schedule(this::refreshAndReschedule, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Reloads the snapshot if the live figures changed since it was read; returns the one now served. */
    synchronized Snapshot refresh() {
        Snapshot snapshot = current;
        Version version = jdbc.query(VERSION, rs -> rs.next() ? version(rs.getString(1), rs.getObject(3, OffsetDateTime.class),
                rs.getLong(4), rs.getLong(5)) : null);
        if (version == null) {
            throw new IllegalStateException("no live series: the service did not start properly");
        }
        if (snapshot == null || !snapshot.version().equals(version)) {
            long started = System.nanoTime();
            snapshot = Objects.requireNonNull(loads.record(() -> readSnapshot.execute(status -> load())));
            lastLoadNanos = System.nanoTime() - started;
            current = snapshot;
        }
        // only now does the served snapshot match what the database held at the check
        lastChecked = clock.instant();
        return snapshot;
    }

    private Snapshot load() {
        Snapshot[] snapshot = new Snapshot[1];
        jdbc.query(VERSION, rs -> {
            snapshot[0] = new Snapshot(version(rs.getString(1), rs.getObject(3, OffsetDateTime.class), rs.getLong(4),
                    rs.getLong(5)), rs.getString(2), new HashMap<>());
        });
        if (snapshot[0] == null) {
            throw new IllegalStateException("no live series: the service did not start properly");
        }
        Map<UUID, Figures> documents = snapshot[0].documents();
        jdbc.query("""
                        select coalesce(b.document_id, c.document_id), coalesce(b.downloads, 0), coalesce(c.counted_events, 0)
                        from baseline_count b
                        full join (select document_id, counted_events from document_count where series_id = ?) c
                            on c.document_id = b.document_id
                        """,
                rs -> {
                    documents.put(rs.getObject(1, UUID.class), new Figures(rs.getLong(2), rs.getLong(3)));
                },
                snapshot[0].version().seriesId());
        return new Snapshot(snapshot[0].version(), snapshot[0].policyVersion(), Map.copyOf(documents));
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                failing = false;
                LOG.info("Live counts are read from the database again");
            }
        } catch (RuntimeException | Error e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot refresh the live counts; the last snapshot (as of "
                        + (current == null ? "none" : current.version().asOf()) + ") is served until the database answers", e);
            }
        }
    }

    private double secondsSinceChecked() {
        Instant checked = lastChecked;
        return checked == null ? Double.NaN : Duration.between(checked, clock.instant()).toNanos() / 1e9;
    }

    private static Version version(String seriesId, OffsetDateTime asOf, long rawEvents, long baselineImport) {
        return new Version(seriesId, asOf == null ? null : asOf.toInstant(), rawEvents, baselineImport);
    }

    @Override
    public void destroy() throws InterruptedException {
        refresher.shutdownNow();
        // a reload in flight finishes (or fails) before the connection pool it uses is closed
        refresher.awaitTermination(5, TimeUnit.SECONDS);
    }
}
