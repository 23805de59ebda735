package nl.publicaties.download.delivery.web;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * {@code Content-Disposition: inline} with the document's real file name (RFC 6266): an ASCII
 * {@code filename} for old clients and the exact UTF-8 name in {@code filename*} (RFC 8187), which every
 * current browser prefers.
 */
public final class ContentDispositionHeader {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDispositionHeader() {
    }

    public static String inline(String fileName) {
        return "inline; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    /**
     * Accents dropped ("Één" becomes "Een"), anything else outside printable ASCII, quotes, backslashes and '%' as
     * '_' ('%' because some older user agents percent-decode this parameter, RFC 6266 Appendix D).
     */
    static String asciiFallback(String fileName) {
        String decomposed = Normalizer.normalize(fileName, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return out.toString();
    }

    /** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte percent-encoded. */
    static String encode(String fileName) {
        StringBuilder out = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
