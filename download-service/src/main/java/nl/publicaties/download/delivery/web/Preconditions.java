package nl.publicaties.download.delivery.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Conditional request evaluation for GET and HEAD in the order of RFC 9110 §13.2.2, against a strong entity
 * tag (the content hash) and a Last-Modified date. Header values are passed as received (several header
 * lines joined with commas); a malformed date makes its header count as absent, as the RFC asks.
 */
public final class Preconditions {

    /** What the conditional headers decide. */
    public enum Outcome {
        PROCEED, NOT_MODIFIED, PRECONDITION_FAILED
    }

    /** IMF-fixdate (RFC 9110 §5.6.7); RFC_1123_DATE_TIME would drop the day's leading zero. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String etag;
    private final Instant lastModified;

    /**
     * @param etag         the quoted strong entity tag, e.g. {@code "abc…"}
     * @param lastModified the Last-Modified instant (compared at whole seconds, as HTTP dates are)
     */
    public Preconditions(String etag, Instant lastModified) {
        this.etag = etag;
        this.lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    public static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    public Outcome evaluate(String ifMatch, String ifUnmodifiedSince, String ifNoneMatch, String ifModifiedSince) {
        if (ifMatch != null) {
            if (!matches(ifMatch, true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (ifUnmodifiedSince != null) {
            Instant date = parseDate(ifUnmodifiedSince);
            if (date != null && lastModified.isAfter(date)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, false) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        if (ifModifiedSince != null) {
            Instant date = parseDate(ifModifiedSince);
            if (date != null && !lastModified.isAfter(date)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * If-Range (RFC 9110 §13.1.5): the Range applies only when the validator still names this
     * representation, strongly; a weak tag or any other date than Last-Modified means "send it all".
     */
    public boolean rangeStillApplies(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        if (value.startsWith("W/")) {
            return false;
        }
        Instant date = parseDate(value);
        return date != null && date.equals(lastModified);
    }

    /** Whether a comma-separated entity-tag list (or {@code *}) names this representation. */
    private boolean matches(String tagList, boolean strong) {
        for (String candidate : tagList.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                if (strong) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
