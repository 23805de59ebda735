package nl.publicaties.catalog.edition.command;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * What a document's file name may be: the name a person gave it, in any script ("Factsheet Monitor integriteit en
 * veiligheid 2022 – Fryslân.pdf"), so a download is saved under its real name. Letters, combining marks, digits,
 * spaces and {@code . _ , ( ) [ ] ' & + - – —}; it starts with a letter or digit, has no {@code ..}, does not end
 * in a dot or space, is NFC-normalised and at most 200 characters. Path separators and what a URL or a file system
 * reads specially ({@code / \ % ? # : * " < > |}, control characters) cannot occur, so the name is safe as a URL
 * path segment (percent-encoded), in {@code Content-Disposition} and as a file name on any system. (A shell still
 * needs it quoted: it may hold spaces, quotes, brackets and {@code &}.)
 */
public final class FileNames {

    private static final String ALLOWED = "\\p{L}\\p{M}\\p{N} ._,()\\[\\]'&+\\-\\u2013\\u2014";
    /** One or more characters a file name must not hold. */
    public static final Pattern UNSAFE = Pattern.compile("[^" + ALLOWED + "]+");
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}][" + ALLOWED + "]{0,199}");

    private FileNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.contains("..") && !name.endsWith(".")
                && !name.endsWith(" ") && Normalizer.isNormalized(name, Normalizer.Form.NFC);
    }
}
