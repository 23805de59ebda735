package nl.publicaties.download.recording;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import nl.publicaties.contracts.download.DownloadRequested;

/**
 * The wire JSON of a {@link DownloadRequested}, written directly: the same bytes Jackson writes for the record
 * (field order, ISO-8601 instant as {@code Instant.toString()}, nulls written, strings escaped the same way;
 * {@code DownloadRequestedJsonTest} holds it to that), at a fraction of the cost. One is written per download
 * on the request path, where Jackson's bean serializer and {@code DateTimeFormatter} took more CPU than the
 * rest of the record together.
 */
public final class DownloadRequestedJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** "2026-11-28T16:06:02" for the second last formatted on this thread. */
    private static final ThreadLocal<SecondPrefix> SECONDS = ThreadLocal.withInitial(SecondPrefix::new);

    private DownloadRequestedJson() {
    }

    private static final class SecondPrefix {
        long second = Long.MIN_VALUE;
        String text;

        String of(long epochSecond) {
            if (epochSecond != second) {
                text = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).toString();
                if (text.length() == 16) { // LocalDateTime drops ":00" seconds; Instant.toString does not
                    text = text + ":00";
                }
                second = epochSecond;
            }
            return text;
        }
    }

    public static byte[] write(DownloadRequested event) {
        Out out = new Out(512);
        out.raw("{\"eventId\":").string(event.eventId())
                .raw(",\"documentId\":").string(event.documentId())
                .raw(",\"editionId\":").string(event.editionId())
                .raw(",\"occurredAt\":").instant(event.occurredAt())
                .raw(",\"method\":").string(event.method())
                .raw(",\"status\":").number(event.status())
                .raw(",\"rangeStart\":").number(event.rangeStart())
                .raw(",\"rangeEnd\":").number(event.rangeEnd())
                .raw(",\"bytes\":").number(event.bytes())
                .raw(",\"userAgent\":").string(event.userAgent())
                .raw(",\"visitorKey\":").string(event.visitorKey())
                .raw(",\"instance\":").string(event.instance())
                .raw("}");
        return out.toByteArray();
    }

    /**
     * A growable byte buffer. Not {@code ByteArrayOutputStream}: its {@code write(int)} is synchronized, a lock per
     * byte of every record (perf on the 100 KB benchmark: the JSON writer was 6 % of the event loops' samples).
     */
    private static final class Out {

        private byte[] bytes;
        private int count;

        Out(int size) {
            bytes = new byte[size];
        }

        void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[count++] = (byte) b;
        }

        void writeBytes(byte[] more) {
            if (count + more.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more.length));
            }
            System.arraycopy(more, 0, bytes, count, more.length);
            count += more.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }

        Out raw(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                write(ascii.charAt(i));
            }
            return this;
        }

        Out number(long value) {
            return raw(Long.toString(value));
        }

        Out number(Long value) {
            return value == null ? raw("null") : number(value.longValue());
        }

        Out instant(Instant value) {
            if (value == null) {
                return raw("null");
            }
            if (value.getEpochSecond() < 0 || value.getEpochSecond() >= 253402300800L) { // outside years 1970-9999
                return string(value.toString());
            }
            write('"');
            raw(SECONDS.get().of(value.getEpochSecond()));
            int nanos = value.getNano();
            if (nanos > 0) {
                // as Instant.toString: 3, 6 or 9 digits, as many as needed
                int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
                int scaled = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
                write('.');
                String text = Integer.toString(scaled);
                for (int i = text.length(); i < digits; i++) {
                    write('0');
                }
                raw(text);
            }
            write('Z');
            write('"');
            return this;
        }

        /** A JSON string as Jackson writes it: UTF-8, {@code \" \\ \b \f \n \r \t}, other controls as {@code \\u00XX}. */
        Out string(String value) {
            if (value == null) {
                return raw("null");
            }
            write('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    write(c);
                } else if (c == '"' || c == '\\') {
                    write('\\');
                    write(c);
                } else if (c < 0x20) {
                    escapeControl(c);
                } else {
                    int end = i + 1;
                    while (end < value.length() && value.charAt(end) >= 0x80) {
                        end++;
                    }
                    writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end - 1;
                }
            }
            write('"');
            return this;
        }

        private void escapeControl(char c) {
            write('\\');
            switch (c) {
                case '\b' -> write('b');
                case '\f' -> write('f');
                case '\n' -> write('n');
                case '\r' -> write('r');
                case '\t' -> write('t');
                default -> {
                    write('u');
                    write('0');
                    write('0');
                    write(HEX[c >> 4]);
                    write(HEX[c & 0xf]);
                }
            }
        }
    }
}
