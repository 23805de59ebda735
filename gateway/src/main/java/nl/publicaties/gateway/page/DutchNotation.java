package nl.publicaties.gateway.page;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Numbers, sizes and dates the way Dutch government pages print them ("1,0 MB", "1.234 downloads"). */
public final class DutchNotation {

    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final long KIB = 1024;
    private static final long MIB = 1024 * 1024;
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'om' HH:mm", DUTCH);
    private static final Map<String, String> FORMAT_BY_MEDIA_TYPE = Map.of(
            "application/pdf", "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX",
            "application/msword", "DOC",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX",
            "application/vnd.oasis.opendocument.text", "ODT",
            "text/csv", "CSV");

    private DutchNotation() {
    }

    /**
     * 1024-based, one decimal, decimal comma: 1048576 -> "1,0 MB", 243917 -> "238,2 KB". The unit is the largest
     * in which the rounded value is at least 1 (1048575 bytes -> "1,0 MB", not "1024,0 KB"); under 1 KB, bytes.
     */
    public static String fileSize(long bytes) {
        if (bytes < KIB) {
            return wholeNumber(bytes) + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        int unit = 0;
        BigDecimal value = rounded(bytes, 1);
        while (unit < units.length - 1 && value.compareTo(BigDecimal.valueOf(KIB)) >= 0) {
            unit++;
            value = rounded(bytes, unit + 1);
        }
        DecimalFormat format = new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(DUTCH));
        return format.format(value) + " " + units[unit];
    }

    /** {@code bytes} in units of 1024^power, to one decimal. */
    private static BigDecimal rounded(long bytes, int power) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(KIB).pow(power), 1, RoundingMode.HALF_UP);
    }

    /** Dutch thousands separator: 1234 -> "1.234". */
    public static String wholeNumber(long value) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(DUTCH));
        return format.format(value);
    }

    public static String downloads(long count) {
        return wholeNumber(count) + (count == 1 ? " download" : " downloads");
    }

    /** The short format label a reader knows ("PDF"), falling back to the file extension. */
    public static String formatLabel(String mediaType, String fileName) {
        if (mediaType != null) {
            String known = FORMAT_BY_MEDIA_TYPE.get(mediaType.toLowerCase(Locale.ROOT).split(";")[0].trim());
            if (known != null) {
                return known;
            }
        }
        if (fileName != null && fileName.lastIndexOf('.') > 0) {
            return fileName.substring(fileName.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        }
        return "bestand";
    }

    /** "28 november 2026 om 05:10", Amsterdam time. */
    public static String dateTime(Instant instant) {
        return instant == null ? null : DATE_TIME.format(instant.atZone(AMSTERDAM));
    }

}
