package nl.publicaties.catalog.edition.storage;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Names a file's type from its first bytes, never from the name or the Content-Type the client sent: a PNG
 * renamed to {@code .pdf} is still a PNG.
 */
public final class MediaTypes {

    /** Bytes {@link #detect} needs to see. */
    public static final int HEAD_LENGTH = 512;

    public static final String PDF = "application/pdf";
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Signature[] SIGNATURES = {
            new Signature(PDF, "%PDF-".getBytes(StandardCharsets.US_ASCII)),
            new Signature("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
            new Signature("image/jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
            new Signature("image/gif", "GIF8".getBytes(StandardCharsets.US_ASCII)),
            // docx, xlsx, odt and plain zip archives all start as a zip
            new Signature("application/zip", new byte[]{'P', 'K', 3, 4}),
    };

    private MediaTypes() {
    }

    public static String detect(byte[] head) {
        for (Signature signature : SIGNATURES) {
            if (head.length >= signature.magic.length
                    && Arrays.equals(head, 0, signature.magic.length, signature.magic, 0, signature.magic.length)) {
                return signature.mediaType;
            }
        }
        return isText(head) ? "text/plain" : OCTET_STREAM;
    }

    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        try {
            // the head may end inside a multi-byte character: ignore a malformed tail only
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, Math.max(0, head.length - 3)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private record Signature(String mediaType, byte[] magic) {
    }
}
