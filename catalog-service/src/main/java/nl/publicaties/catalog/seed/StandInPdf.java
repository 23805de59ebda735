package nl.publicaties.catalog.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A generated stand-in for a document the seed only knows by title and size: a valid one-page PDF with
 * the title on page 1, padded to the listed size so downloads, ranges and progress bars behave as with
 * the real file. Everything is derived from the document id, so the same document always yields the same
 * bytes (and the same SHA-256).
 */
public final class StandInPdf {

    /** Sizes converge in a few rounds; a digit more or less in a length can leave a byte or two over. */
    private static final int MAX_ROUNDS = 8;
    private static final float MARGIN = 56;
    private static final COSName PADDING_KEY = COSName.getPDFName("PublicatiesStandInPadding");

    private StandInPdf() {
    }

    public static byte[] generate(String documentId, String title, String context, long targetSize)
            throws IOException {
        long padding = 0;
        byte[] pdf = render(documentId, title, context, padding);
        for (int round = 0; round < MAX_ROUNDS && pdf.length != targetSize; round++) {
            long next = Math.max(0, padding + (targetSize - pdf.length));
            if (next == padding) {
                break;
            }
            padding = next;
            pdf = render(documentId, title, context, padding);
        }
        return pdf;
    }

    private static byte[] render(String documentId, String title, String context, long paddingBytes)
            throws IOException {
        byte[] seed = sha256(documentId);
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            float width = page.getMediaBox().getWidth() - 2 * MARGIN;
            float y = page.getMediaBox().getHeight() - MARGIN - 20;
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.OVERWRITE, false)) {
                y = write(content, bold, 20, wrap(bold, 20, printable(bold, title), width), y);
                y = write(content, regular, 12, wrap(regular, 12, printable(regular, context), width), y - 12);
                write(content, regular, 10, wrap(regular, 10, printable(regular,
                        "Dit is een gegenereerd vervangend bestand (stand-in) van het gepubliceerde document: "
                                + "alleen deze pagina heeft inhoud, de rest van het bestand is opvulling."),
                        width), y - 12);
            }
            COSStream padding = document.getDocument().createCOSStream();
            try (OutputStream out = padding.createRawOutputStream()) {
                writePseudoRandom(out, seed, paddingBytes);
            }
            document.getDocumentCatalog().getCOSObject().setItem(PADDING_KEY, padding);
            // A fixed file identifier: PDFBox would otherwise derive one from the clock.
            COSArray id = new COSArray();
            id.add(new COSString(Arrays.copyOf(seed, 16)));
            id.add(new COSString(Arrays.copyOf(seed, 16)));
            document.getDocument().getTrailer().setItem(COSName.ID, id);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(paddingBytes + 4096, 64 << 20));
            document.save(bytes, CompressParameters.NO_COMPRESSION);
            return bytes.toByteArray();
        }
    }

    private static float write(PDPageContentStream content, PDType1Font font, float size, List<String> lines,
                               float y) throws IOException {
        float leading = size * 1.3f;
        for (String line : lines) {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(line);
            content.endText();
            y -= leading;
        }
        return y;
    }

    private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The standard fonts cover WinAnsi only; anything else would make PDFBox throw. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static void writePseudoRandom(OutputStream out, byte[] seed, long count) throws IOException {
        long seedValue = 0;
        for (int i = 0; i < 8; i++) {
            seedValue = (seedValue << 8) | (seed[i] & 0xff);
        }
        SplittableRandom random = new SplittableRandom(seedValue);
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    buffer[i + j] = (byte) (value >>> (8 * j));
                }
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
