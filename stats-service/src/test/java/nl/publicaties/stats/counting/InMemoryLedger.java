package nl.publicaties.stats.counting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;

/**
 * The database ledger's algorithm over maps: same {@link Reconciliation} and {@link FigureDeltas}, so the
 * order-independence property can be checked without a database (the ITs check the SQL).
 */
final class InMemoryLedger {

    private final CountingPolicy policy;
    private final Map<String, Reconciliation.StoredClick> clicks = new HashMap<>();
    private final Map<String, String> outcomes = new HashMap<>();
    private final Map<FigureDeltas.Session, Long> sessions = new HashMap<>();
    final Map<FigureDeltas.DayOutcome, Long> byDayAndOutcome = new TreeMap<>();
    final Map<FigureDeltas.DocumentDay, Long> raw = new TreeMap<>();
    final Map<FigureDeltas.DocumentDay, Long> unique = new TreeMap<>();

    InMemoryLedger(CountingPolicy policy) {
        this.policy = policy;
    }

    void apply(List<DownloadRequested> batch) {
        Map<String, DownloadRequested> unseen = new LinkedHashMap<>();
        batch.stream().filter(e -> !outcomes.containsKey(e.eventId())).forEach(e -> unseen.putIfAbsent(e.eventId(), e));
        List<Reconciliation.Fresh> fresh = new ArrayList<>();
        unseen.values().forEach(e -> fresh.add(new Reconciliation.Fresh(e, policy.evaluate(e))));
        List<Reconciliation.StoredClick> stored = new ArrayList<>();
        policy.doubleClickWindow().ifPresent(window -> {
            for (Reconciliation.Window w : Reconciliation.windows(fresh, window)) {
                clicks.values().stream()
                        .filter(c -> c.documentId().equals(w.key().documentId()) && c.visitorKey().equals(w.key().visitorKey()))
                        .filter(c -> !c.occurredAt().isBefore(w.from()) && !c.occurredAt().isAfter(w.to()))
                        .map(c -> new Reconciliation.StoredClick(c.eventId(), c.documentId(), c.visitorKey(), c.occurredAt(),
                                outcomes.get(c.eventId())))
                        .forEach(stored::add);
            }
        });
        List<Reconciliation.Change> changes = Reconciliation.reconcile(policy, fresh, stored);
        for (Reconciliation.Fresh f : fresh) {
            outcomes.put(f.event().eventId(), f.outcome().code());
            if (f.outcome().counted()) {
                clicks.put(f.event().eventId(), new Reconciliation.StoredClick(f.event().eventId(), f.documentId(),
                        f.visitorKey(), f.event().occurredAt(), null));
            }
        }
        changes.forEach(c -> outcomes.put(c.eventId(), c.after()));
        FigureDeltas deltas = FigureDeltas.of(changes);
        deltas.raw.forEach((k, v) -> raw.merge(k, v, Long::sum));
        deltas.outcomes.forEach((k, v) -> byDayAndOutcome.merge(k, v, Long::sum));
        byDayAndOutcome.values().removeIf(v -> v == 0);
        deltas.sessions.forEach((session, delta) -> {
            long before = sessions.getOrDefault(session, 0L);
            long after = before + delta;
            sessions.put(session, after);
            long moved = FigureDeltas.uniqueDelta(before, after);
            if (moved != 0) {
                unique.merge(new FigureDeltas.DocumentDay(session.documentId(), session.day()), moved, Long::sum);
            }
        });
        unique.values().removeIf(v -> v == 0);
    }

    String outcomeOf(String eventId) {
        return outcomes.get(eventId);
    }

    long total(String outcome) {
        return byDayAndOutcome.entrySet().stream().filter(e -> e.getKey().outcome().equals(outcome))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long totalItemRequests() {
        return total("counted");
    }

    long uniqueItemRequests() {
        return unique.values().stream().mapToLong(Long::longValue).sum();
    }

    long rawEvents() {
        return raw.values().stream().mapToLong(Long::longValue).sum();
    }

    long uniqueOn(UUID document, LocalDate day) {
        return unique.getOrDefault(new FigureDeltas.DocumentDay(document, day), 0L);
    }

    /** Everything the figures consist of, to compare two ledgers. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("raw", new TreeMap<>(raw));
        figures.put("outcomes", new TreeMap<>(byDayAndOutcome));
        figures.put("unique", new TreeMap<>(unique));
        figures.put("eventOutcomes", new TreeMap<>(outcomes));
        return figures;
    }
}
