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
import java.util.concurrent.atomic.AtomicBoolean;
import nl.publicaties.contracts.counts.DocumentCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
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
 * {@code as_of} alone), or a baseline was imported. Only then is the snapshot read again: whole after a switch
 * of series or a baseline import (and at the first change ten minutes after the last whole read), otherwise only
 * the documents whose counts were written since the previous read (found by PostgreSQL's transaction ids, see
 * {@link #changes}; needs PostgreSQL 13 or later, and a connection that keeps the repeatable-read transaction,
 * i.e. no transaction-mode pooler in between). The next check waits
 * at least four times as long as that read took, so even a large catalogue changing on every check costs at most a
 * fifth of a core (and is visible a little later). This works the same for any number of instances over one
 * database: each one follows every instance's projection, one check (plus a read) behind.
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

    /**
     * The figures as of one database snapshot. {@code readAfter} is the oldest transaction still running when
     * it was read ({@code pg_snapshot_xmin}): every row written since was written by that transaction or a later
     * one. The documents are spread over {@link #SHARDS} immutable maps, so that a change to a few documents copies
     * a few small maps, not the whole catalogue.
     */
    record Snapshot(Version version, String policyVersion, long readAfter, List<Map<UUID, Figures>> shards) {

        Figures figures(UUID document) {
            return shards.get(shard(document)).getOrDefault(document, Figures.NONE);
        }
    }

    private static final int SHARDS = 4096;
    private static final Duration FULL_READ_EVERY = Duration.ofMinutes(10);

    /** The live series' version, and the horizons of the reading transaction's snapshot (see {@link #changes}). */
    private static final String START = """
            select s.series_id, s.policy_version, s.as_of, s.counted_events + s.excluded_events,
                   (select coalesce(max(id), 0) from baseline_import),
                   pg_snapshot_xmin(pg_current_snapshot())::text::bigint, pg_snapshot_xmax(pg_current_snapshot())::text::bigint
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
    private final Timer fullLoads;
    private final Timer changeLoads;
    private volatile Snapshot current;
    private volatile Instant lastChecked;
    private volatile boolean failing;
    private volatile long lastLoadNanos;
    private final AtomicBoolean started = new AtomicBoolean();
    private long lastFullLoad;

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
        this.fullLoads = readTimer(registry, "all");
        this.changeLoads = readTimer(registry, "changes");
    }

    private static Timer readTimer(MeterRegistry registry, String read) {
        return Timer.builder("stats.counts.snapshot.load")
                .description("Reading the live figures into memory after they changed: all of them (start, another"
                        + " live series, a new baseline) or only the documents whose counts changed")
                .tag("read", read)
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
            Figures figures = snapshot.figures(id);
            entries.add(new DocumentCounts.Entry(id.toString(), figures.baseline(), figures.counted(),
                    figures.baseline() + figures.counted()));
        }
        return new DocumentCounts(snapshot.policyVersion(), snapshot.version().asOf(), entries);
    }

    /**
     * Starts checking for changes as soon as the context is up, before the start-up work (a baseline import of a
     * large catalogue can take a while, and the consumers already count meanwhile; the import itself shows up as a
     * change). The first check runs at once, on the refresher thread: a database that does not answer yet is
     * logged and retried, it does not stop the service from starting.
     */
    @EventListener(ContextRefreshedEvent.class)
    public void startRefreshing() {
        if (started.compareAndSet(false, true)) {
            refresher.schedule(this::refreshAndReschedule, 0, TimeUnit.NANOSECONDS);
        }
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
        Version version = start().version();
        if (snapshot == null || !snapshot.version().equals(version)) {
            long begun = System.nanoTime();
            Snapshot previous = snapshot;
            boolean wholeAsked = previous == null || begun - lastFullLoad > FULL_READ_EVERY.toNanos();
            Read read = Objects.requireNonNull(readSnapshot.execute(status -> read(previous, wholeAsked)));
            long took = System.nanoTime() - begun;
            (read.whole() ? fullLoads : changeLoads).record(took, TimeUnit.NANOSECONDS);
            if (read.whole()) {
                lastFullLoad = begun;
            }
            lastLoadNanos = took;
            snapshot = read.snapshot();
            current = snapshot;
        }
        // only now does the served snapshot match what the database held at the check
        lastChecked = clock.instant();
        return snapshot;
    }

    /** The version and the transaction horizon of this (repeatable-read) transaction's snapshot. */
    private record Start(Version version, String policyVersion, long readAfter, long readBefore) {
    }

    private record Read(Snapshot snapshot, boolean whole) {
    }

    private Start start() {
        Start start = jdbc.query(START, rs -> rs.next()
                ? new Start(version(rs.getString(1), rs.getObject(3, OffsetDateTime.class), rs.getLong(4), rs.getLong(5)),
                        rs.getString(2), rs.getLong(6), rs.getLong(7))
                : null);
        if (start == null) {
            throw new IllegalStateException("no live series: the service did not start properly");
        }
        return start;
    }

    /**
     * In one repeatable-read transaction: everything, or only the documents written since the previous snapshot.
     * Whether the changes are enough is decided on this transaction's own view, not on the check before it: a
     * series switch or a baseline import committed in between must lead to a whole read.
     */
    private Read read(Snapshot previous, boolean wholeAsked) {
        Start start = start();
        boolean changesSuffice = !wholeAsked
                && previous.version().seriesId().equals(start.version().seriesId())
                && previous.version().baselineImport() == start.version().baselineImport()
                // row xmins are 32 bits: only within the epoch of the previous horizon do they compare
                && start.readBefore() >>> 32 == previous.readAfter() >>> 32
                // a counter that went back (a restore into another cluster) would hide rows below the old horizon
                && start.readBefore() >= previous.readAfter();
        return changesSuffice ? new Read(changes(start, previous), false) : new Read(all(start), true);
    }

    /** Every document with a baseline or counted downloads in the live series. */
    private Snapshot all(Start start) {
        List<Map<UUID, Figures>> shards = new ArrayList<>(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            shards.add(new HashMap<>());
        }
        jdbc.query("""
                        select coalesce(b.document_id, c.document_id), coalesce(b.downloads, 0), coalesce(c.counted_events, 0)
                        from baseline_count b
                        full join (select document_id, counted_events from document_count where series_id = ?) c
                            on c.document_id = b.document_id
                        """,
                rs -> {
                    UUID document = rs.getObject(1, UUID.class);
                    shards.get(shard(document)).put(document, new Figures(rs.getLong(2), rs.getLong(3)));
                },
                start.version().seriesId());
        shards.replaceAll(Map::copyOf);
        return new Snapshot(start.version(), start.policyVersion(), start.readAfter(), List.copyOf(shards));
    }

    /**
     * Only the documents whose counts were written since the previous snapshot: every row version whose
     * {@code xmin} is at or after that snapshot's horizon ({@code pg_snapshot_xmin}), i.e. written by a transaction
     * that had not finished then (rows of earlier transactions it already saw may come along; that is harmless).
     * Same series and baseline (checked by the caller), so every other document's figures are unchanged. What is
     * fetched is small; the server still scans the series' rows to test {@code xmin}, which has no index, and a
     * long-running writer holds the horizon back, so each read fetches more until it ends.
     */
    private Snapshot changes(Start start, Snapshot previous) {
        Map<Integer, Map<UUID, Figures>> changed = new HashMap<>();
        jdbc.query("""
                        select document_id, counted_events from document_count
                        where series_id = ? and xmin::text::bigint >= ?
                        """,
                rs -> {
                    UUID document = rs.getObject(1, UUID.class);
                    int shard = shard(document);
                    Map<UUID, Figures> copy = changed.computeIfAbsent(shard, s -> new HashMap<>(previous.shards().get(s)));
                    copy.put(document, new Figures(previous.figures(document).baseline(), rs.getLong(2)));
                },
                start.version().seriesId(), previous.readAfter() & 0xFFFF_FFFFL);
        List<Map<UUID, Figures>> shards = new ArrayList<>(previous.shards());
        changed.forEach((shard, figures) -> shards.set(shard, Map.copyOf(figures)));
        return new Snapshot(start.version(), start.policyVersion(), start.readAfter(), List.copyOf(shards));
    }

    private static int shard(UUID document) {
        return (int) (document.getLeastSignificantBits() & (SHARDS - 1));
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
