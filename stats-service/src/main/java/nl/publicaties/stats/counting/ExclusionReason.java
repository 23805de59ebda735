package nl.publicaties.stats.counting;

/**
 * Why an event was seen but not counted. The {@link #code()} is stored with every exclusion and served by
 * the API, so it must never change meaning; add a new reason instead.
 */
public enum ExclusionReason {

    /** HEAD and anything else but GET transfers no document. */
    NOT_A_GET("not-a-get"),

    /** Only 200, 304 and 206 answers deliver (or confirm) the document. */
    STATUS_NOT_COUNTED("status-not-counted"),

    /** A range that does not start at byte 0 continues a download that was already counted. */
    RANGE_NOT_FROM_START("range-not-from-start"),

    /** The User-Agent matches the COUNTER robots list. */
    ROBOT("robot"),

    /** The same visitor asked for the same document again within the double-click window; the later click counts. */
    DOUBLE_CLICK("double-click");

    private final String code;

    ExclusionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ExclusionReason ofCode(String code) {
        for (ExclusionReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown exclusion reason " + code);
    }
}
