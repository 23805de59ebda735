package nl.publicaties.stats.counting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * COUNTER's user-session for Unique_Item_Requests: visitor key + date + hour slice. Dates are Dutch dates
 * (the publisher's and its readers' calendar). The hour slice is the UTC hour: the Netherlands is a whole
 * number of hours from UTC, so it is the same slice as the local clock hour, and it stays unambiguous on the
 * night the clocks go back.
 */
public final class ItemSessions {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private ItemSessions() {
    }

    public static Instant hourSlice(Instant occurredAt) {
        return occurredAt.truncatedTo(ChronoUnit.HOURS);
    }

    public static LocalDate day(Instant occurredAt) {
        return LocalDate.ofInstant(occurredAt, ZONE);
    }

    /** A download without a visitor key is its own visitor: it can be neither a double click nor a repeat. */
    public static String visitorKey(String visitorKey, String eventId) {
        return visitorKey == null || visitorKey.isBlank() ? "event:" + eventId : visitorKey;
    }
}
