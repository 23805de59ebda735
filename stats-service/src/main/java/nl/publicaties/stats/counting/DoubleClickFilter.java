package nl.publicaties.stats.counting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COUNTER's double-click filter for the clicks of one visitor on one document: a click followed by another
 * within the window (at most 30 seconds later, boundary included) is a double click and is dropped; the later
 * click is kept, and may itself be dropped by a still later one (the window slides).
 *
 * <p>Whether a click counts depends only on its successor in time, never on the order in which events
 * arrive. That is what makes the figures independent of partitions and redelivery: whenever a click
 * arrives, {@link #decide} is run again over the clicks around it and any click whose successor changed is
 * reconsidered. A late click can only turn an earlier counted click into a double click (its new successor
 * is at least as close as the old one), never the other way round.
 */
public final class DoubleClickFilter {

    /** Time order, ties broken by event id so that equal timestamps still give one answer everywhere. */
    public static final Comparator<Click> ORDER =
            Comparator.comparing(Click::occurredAt).thenComparing(Click::eventId);

    private DoubleClickFilter() {
    }

    public record Click(String eventId, Instant occurredAt) {
    }

    /**
     * For clicks of one visitor on one document, in any order: {@code true} for each click that is a double
     * click. Clicks after {@code decidedUpTo} are only read as successors, not decided: their own successor
     * may lie beyond the clicks given. Pass {@code null} to decide all.
     */
    public static Map<String, Boolean> decide(Collection<Click> clicks, Duration window, Instant decidedUpTo) {
        List<Click> ordered = new ArrayList<>(clicks);
        ordered.sort(ORDER);
        Map<String, Boolean> doubleClicks = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Click click = ordered.get(i);
            if (decidedUpTo != null && click.occurredAt().isAfter(decidedUpTo)) {
                break;
            }
            boolean followedWithinWindow = i + 1 < ordered.size()
                    && Duration.between(click.occurredAt(), ordered.get(i + 1).occurredAt()).compareTo(window) <= 0;
            doubleClicks.put(click.eventId(), followedWithinWindow);
        }
        return doubleClicks;
    }
}
