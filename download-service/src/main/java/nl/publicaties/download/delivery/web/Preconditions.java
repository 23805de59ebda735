package nl.publicaties.download.delivery.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** The two obsolete forms of HTTP-date a recipient must still accept (RFC 9110 §5.6.7). */
    private static final Pattern RFC_850 = Pattern.compile("(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
            + "|Sunday), (\\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\\d{2}) (\\d{2}:\\d{2}:\\d{2}) GMT");
    private static final Pattern ASCTIME = Pattern.compile("(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
            + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \\d|\\d{2}) (\\d{2}:\\d{2}:\\d{2}) (\\d{4})");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.US);

    private final String etag;
    private final Instant lastModified;
    private final boolean lastModifiedStrong;

    /**
     * @param etag         the quoted strong entity tag, e.g. {@code "abc…"}
     * @param lastModified the Last-Modified instant (compared at whole seconds, as HTTP dates are)
     */
    public Preconditions(String etag, Instant lastModified) {
        this(etag, lastModified, true);
    }

    /**
     * @param lastModifiedStrong false when Last-Modified may also name other bytes (a file replaced within the same
     *                           second): an If-Range date then never keeps the range
     */
    public Preconditions(String etag, Instant lastModified, boolean lastModifiedStrong) {
        this.etag = etag;
        this.lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        this.lastModifiedStrong = lastModifiedStrong;
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
     * representation, strongly; a weak tag, any other date than Last-Modified, or Last-Modified when it is not a
     * strong validator (a file replaced within the second it was added) means "send it all".
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
        return lastModifiedStrong && date != null && date.equals(lastModified);
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

    /**
     * An HTTP-date in any of the three forms a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT})
     * and asctime ({@code Sun Nov  6 08:49:37 1994}); null for anything else.
     */
    static Instant parseDate(String value) {
        String text = value.strip();
        try {
            Matcher rfc850 = RFC_850.matcher(text);
            if (rfc850.matches()) {
                int year = twoDigitYear(Integer.parseInt(rfc850.group(3)), Year.now(ZoneOffset.UTC).getValue());
                return utc(year, rfc850.group(2), rfc850.group(1), rfc850.group(4));
            }
            Matcher asctime = ASCTIME.matcher(text);
            if (asctime.matches()) {
                return utc(Integer.parseInt(asctime.group(4)), asctime.group(1), asctime.group(2).strip(),
                        asctime.group(3));
            }
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }


    private static Instant utc(int year, String month, String day, String time) {
        int monthValue = MONTH.parse(month).get(ChronoField.MONTH_OF_YEAR);
        return LocalDate.of(year, monthValue, Integer.parseInt(day)).atTime(LocalTime.parse(time))
                .toInstant(ZoneOffset.UTC);
    }

    /**
     * The year ending in {@code yy} that lies within 50 years of {@code now}: one that would be more than 50 years
     * in the future is the most recent past year ending in those digits (RFC 9110 §5.6.7).
     */
    static int twoDigitYear(int yy, int now) {
        int year = now - Math.floorMod(now, 100) + yy;
        return year > now + 50 ? year - 100 : year <= now - 50 ? year + 100 : year;
    }
}
