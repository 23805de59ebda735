package nl.publicaties.download;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small PDFs that real readers open: a catalog, a page tree, one Helvetica text line per page and a correct
 * cross-reference table. For tests whose client parses the file (a browser's PDF viewer), where random bytes
 * behind a {@code %PDF} header would not do.
 */
public final class PdfMother {

    private PdfMother() {
    }

    /** A valid PDF of {@code pages} A4 pages, the n-th saying "Pagina n van pages". */
    public static byte[] withPages(int pages) {
        return withPages(pages, 0);
    }

    /**
     * As {@link #withPages(int)}, each page with {@code lines} more lines of text below its first: about 90 bytes
     * a line, for a file large enough that a reader fetches it in ranges.
     */
    public static byte[] withPages(int pages, int lines) {
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int page = 0; page < pages; page++) {
            kids.append(4 + 2 * page).append(" 0 R ");
        }
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (int page = 1; page <= pages; page++) {
            int contents = 5 + 2 * (page - 1);
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                    + " /Contents " + contents + " 0 R >>");
            StringBuilder body = new StringBuilder("BT /F1 24 Tf 72 760 Td (Pagina " + page + " van " + pages + ") Tj"
                    + " /F1 9 Tf 0 -30 Td 11 TL");
            for (int line = 1; line <= lines; line++) {
                body.append(String.format("%n(Regel %03d van pagina %d: de monitor integriteit en veiligheid, tekst.) '",
                        line, page));
            }
            String text = body.append(" ET").toString();
            objects.add("<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        write(out, table + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref
                + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
