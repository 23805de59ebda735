package nl.publicaties.stats.counting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a set of {@link Reconciliation.Change}s does to the figures. Sorted maps so that rows are always
 * written in one order (no deadlocks between writers of the same series).
 */
public final class FigureDeltas {

    public record DocumentDay(UUID documentId, LocalDate day) implements Comparable<DocumentDay> {
        @Override
        public int compareTo(DocumentDay o) {
            int c = documentId.compareTo(o.documentId);
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    public record DayOutcome(UUID documentId, LocalDate day, String outcome) implements Comparable<DayOutcome> {
        @Override
        public int compareTo(DayOutcome o) {
            int c = documentId.compareTo(o.documentId);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : outcome.compareTo(o.outcome);
        }
    }

    public record Session(UUID documentId, String visitorKey, Instant hour) implements Comparable<Session> {
        @Override
        public int compareTo(Session o) {
            int c = documentId.compareTo(o.documentId);
            c = c != 0 ? c : visitorKey.compareTo(o.visitorKey);
            return c != 0 ? c : hour.compareTo(o.hour);
        }

        public LocalDate day() {
            return ItemSessions.day(hour);
        }
    }

    /** Events newly seen per document and day (raw events). */
    public final Map<DocumentDay, Long> raw = new TreeMap<>();
    /** Moves between outcomes per document and day; a reconsidered click gives -1 on one code and +1 on another. */
    public final Map<DayOutcome, Long> outcomes = new TreeMap<>();
    /** Change of the counted clicks in each user-session. */
    public final Map<Session, Long> sessions = new TreeMap<>();
    /** Newest and oldest event time among the new events per document. */
    public final Map<UUID, Instant[]> span = new TreeMap<>();

    public static FigureDeltas of(List<Reconciliation.Change> changes) {
        FigureDeltas deltas = new FigureDeltas();
        String counted = Outcome.COUNTED.code();
        for (Reconciliation.Change change : changes) {
            LocalDate day = ItemSessions.day(change.occurredAt());
            if (change.fresh()) {
                deltas.raw.merge(new DocumentDay(change.documentId(), day), 1L, Long::sum);
                deltas.span.merge(change.documentId(), new Instant[] {change.occurredAt(), change.occurredAt()},
                        (a, b) -> new Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
            } else {
                deltas.outcomes.merge(new DayOutcome(change.documentId(), day, change.before()), -1L, Long::sum);
            }
            deltas.outcomes.merge(new DayOutcome(change.documentId(), day, change.after()), 1L, Long::sum);
            long sessionDelta = (counted.equals(change.after()) ? 1 : 0) - (counted.equals(change.before()) ? 1 : 0);
            if (sessionDelta != 0) {
                deltas.sessions.merge(new Session(change.documentId(), change.visitorKey(),
                        ItemSessions.hourSlice(change.occurredAt())), sessionDelta, Long::sum);
            }
        }
        deltas.outcomes.values().removeIf(v -> v == 0);
        deltas.sessions.values().removeIf(v -> v == 0);
        return deltas;
    }

    /** Unique_Item_Requests moves when a session goes from no counted click to some, or back. */
    public static long uniqueDelta(long before, long after) {
        return (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    }
}
