package nl.publicaties.stats.counting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;

/**
 * Decides the outcome of newly seen events and reconsiders the stored clicks around them: the part of the
 * counting that needs other events. Pure; the ledger loads the stored clicks and writes the changes back.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** A stored candidate click (it passed {@link CountingPolicy#evaluate}) and its current outcome code. */
    public record StoredClick(String eventId, UUID documentId, String visitorKey, Instant occurredAt, String outcome) {
    }

    /** An event seen for the first time, with the outcome on its own merits. */
    public record Fresh(DownloadRequested event, Outcome outcome) {

        public UUID documentId() {
            return UUID.fromString(event.documentId());
        }

        public String visitorKey() {
            return ItemSessions.visitorKey(event.visitorKey(), event.eventId());
        }
    }

    /**
     * One event's outcome moving from {@code before} (null: not seen before) to {@code after}, both outcome
     * codes. Figures change by exactly these moves, so they reconcile with the ledger by construction.
     */
    public record Change(String eventId, UUID documentId, String visitorKey, Instant occurredAt, String before, String after) {

        public boolean fresh() {
            return before == null;
        }
    }

    public record ClickKey(UUID documentId, String visitorKey) {
    }

    /** The time span of stored clicks {@link #reconcile} needs to see for one key. */
    public record Window(ClickKey key, Instant from, Instant to) {
    }

    public static List<Window> windows(List<Fresh> fresh, Duration doubleClickWindow) {
        Map<ClickKey, Instant[]> spans = new LinkedHashMap<>();
        for (Fresh f : fresh) {
            if (!f.outcome().counted()) {
                continue;
            }
            Instant at = f.event().occurredAt();
            spans.merge(new ClickKey(f.documentId(), f.visitorKey()), new Instant[] {at, at},
                    (a, b) -> new Instant[] {min(a[0], b[0]), max(a[1], b[1])});
        }
        List<Window> windows = new ArrayList<>(spans.size());
        spans.forEach((key, span) -> windows.add(
                new Window(key, span[0].minus(doubleClickWindow), span[1].plus(doubleClickWindow))));
        return windows;
    }

    /**
     * @param stored the stored clicks inside {@link #windows} of the fresh events; may include the fresh
     *               events themselves (they count as not seen before)
     */
    public static List<Change> reconcile(CountingPolicy policy, List<Fresh> fresh, List<StoredClick> stored) {
        List<Change> changes = new ArrayList<>();
        Optional<Duration> window = policy.doubleClickWindow();
        Map<String, Fresh> freshById = new HashMap<>();
        for (Fresh f : fresh) {
            freshById.put(f.event().eventId(), f);
            if (!f.outcome().counted() || window.isEmpty()) {
                changes.add(new Change(f.event().eventId(), f.documentId(), f.visitorKey(), f.event().occurredAt(),
                        null, f.outcome().code()));
            }
        }
        if (window.isEmpty()) {
            return changes;
        }

        Map<ClickKey, Map<String, StoredClick>> byKey = new LinkedHashMap<>();
        Map<ClickKey, Instant> decideUpTo = new HashMap<>();
        for (StoredClick click : stored) {
            if (!freshById.containsKey(click.eventId())) {
                byKey.computeIfAbsent(new ClickKey(click.documentId(), click.visitorKey()), k -> new LinkedHashMap<>())
                        .put(click.eventId(), click);
            }
        }
        for (Fresh f : fresh) {
            if (!f.outcome().counted()) {
                continue;
            }
            ClickKey key = new ClickKey(f.documentId(), f.visitorKey());
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(f.event().eventId(),
                    new StoredClick(f.event().eventId(), key.documentId(), key.visitorKey(), f.event().occurredAt(), null));
            decideUpTo.merge(key, f.event().occurredAt(), Reconciliation::max);
        }

        String counted = Outcome.COUNTED.code();
        String doubleClick = ExclusionReason.DOUBLE_CLICK.code();
        decideUpTo.forEach((key, upTo) -> {
            Map<String, StoredClick> clicks = byKey.get(key);
            List<DoubleClickFilter.Click> asClicks = clicks.values().stream()
                    .map(c -> new DoubleClickFilter.Click(c.eventId(), c.occurredAt())).toList();
            DoubleClickFilter.decide(asClicks, window.get(), upTo).forEach((eventId, isDoubleClick) -> {
                StoredClick click = clicks.get(eventId);
                String after = isDoubleClick ? doubleClick : counted;
                if (click.outcome() == null || !click.outcome().equals(after)) {
                    changes.add(new Change(eventId, key.documentId(), key.visitorKey(), click.occurredAt(),
                            click.outcome(), after));
                }
            });
        });
        return changes;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
