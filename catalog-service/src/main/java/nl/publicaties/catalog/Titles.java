package nl.publicaties.catalog;

/** The title rule shared by series, editions and documents: present, and short enough for a page heading. */
public final class Titles {

    public static final int MAX_LENGTH = 300;

    private Titles() {
    }

    public static String require(String what, String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidTitle(what + " needs a title");
        }
        if (title.length() > MAX_LENGTH) {
            throw new InvalidTitle(what + " title is " + title.length() + " characters, at most " + MAX_LENGTH
                    + " allowed");
        }
        String stripped = title.strip(); // a trailing line break from an API client is stripped, as before
        String control = Texts.controlCharacter(what + " title", stripped, false);
        if (control != null) {
            throw new InvalidTitle(control);
        }
        return stripped;
    }

    public static final class InvalidTitle extends RuleViolation {
        InvalidTitle(String message) {
            super(message);
        }
    }
}
