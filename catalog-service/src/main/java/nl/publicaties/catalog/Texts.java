package nl.publicaties.catalog;

/**
 * The rule for the free text editors write (introductions, sections, audiences, region names, reasons): no control
 * characters that a database column or a page cannot hold (a NUL is refused by PostgreSQL, so an event carrying one
 * would stop the read models that store it, for good), and lengths that keep every event far below Kafka's 1 MB
 * record limit (an event over it would stop publishing to {@code catalog.events}). Line breaks and tabs are text.
 */
public final class Texts {

    /** An audience, a region name, who commissioned or researched a series: a phrase. */
    public static final int SHORT = 200;
    /** An introduction or the body of a section. */
    public static final int LONG = 10_000;
    /** Sections of a series page (20 × 10 000 characters is under 0.6 MB even in three-byte UTF-8). */
    public static final int MAX_SECTIONS = 20;

    private Texts() {
    }

    /** {@code text} as given (null stays null) when it keeps the rule; it may hold line breaks and tabs. */
    public static String optional(String what, String text, int maxLength) {
        return optional(what, text, maxLength, true);
    }

    /** One line: {@code text} as given (null stays null) when it keeps the rule and holds no line break or tab. */
    public static String optionalLine(String what, String text, int maxLength) {
        return optional(what, text, maxLength, false);
    }

    private static String optional(String what, String text, int maxLength, boolean multiline) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new InvalidText(what + " is " + text.length() + " characters, at most " + maxLength + " allowed");
        }
        String control = controlCharacter(what, text, multiline);
        if (control != null) {
            throw new InvalidText(control);
        }
        return text;
    }

    /** What is wrong when {@code text} holds a control character (line breaks and tabs only where {@code multiline}). */
    static String controlCharacter(String what, String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean layout = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 && !(multiline && layout)) || c == 0x7f) {
                return what + " contains a control character (U+%04X) at position %d".formatted((int) c, i);
            }
        }
        return null;
    }

    public static final class InvalidText extends RuleViolation {
        InvalidText(String message) {
            super(message);
        }
    }
}
