package nl.publicaties.download.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import nl.publicaties.contracts.download.DownloadRequested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written wire JSON is byte for byte what Jackson writes for the same event, and reads back equal. */
class DownloadRequestedJsonTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void givenTypicalDownloads_whenWritten_thenTheSameBytesAsJackson() {
        for (DownloadRequested event : List.of(
                event(Instant.parse("2026-11-28T16:06:02.123Z"), 200, null, null, "Mozilla/5.0 (X11; Linux x86_64)"),
                event(Instant.parse("2026-11-28T16:06:00Z"), 304, null, null, null),
                event(Instant.parse("2026-01-01T00:00:00.000001Z"), 206, 0L, 1023L, "curl/8.5.0"),
                event(Instant.parse("2026-12-31T23:59:59.999999999Z"), 206, 1024L, 2047L, "wget"),
                event(Instant.parse("2026-06-01T12:00:00.100Z"), 200, null, null,
                        "Fryslân \"quoted\" back\\slash\ttab\nnew line \u0001 \u001f € 😀")))
        {
            assertThat(new String(DownloadRequestedJson.write(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(JACKSON.writeValueAsBytes(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void givenRandomEvents_whenWritten_thenJacksonReadsThemBackEqualAndWritesTheSameBytes() {
        Random random = new Random(28);
        List<DownloadRequested> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(400_000_000),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            StringBuilder agent = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                agent.append((char) random.nextInt(0x3000));
            }
            events.add(event(at, 200, random.nextBoolean() ? null : (long) random.nextInt(100), null,
                    agent.toString().replaceAll("[\\ud800-\\udfff]", "x")));
        }
        for (DownloadRequested event : events) {
            byte[] written = DownloadRequestedJson.write(event);
            assertThat(JACKSON.readValue(written, DownloadRequested.class)).isEqualTo(event);
            assertThat(written).isEqualTo(JACKSON.writeValueAsBytes(event));
        }
    }

    @Test
    void givenEventIds_whenDrawn_thenVersion7UuidsInTimeOrderAndDistinct() {
        UUID first = UUID.fromString(EventIds.next(1_764_345_600_000L));
        UUID later = UUID.fromString(EventIds.next(1_764_345_600_001L));

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(1_764_345_600_000L);
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), first.getMostSignificantBits())).isPositive();
        assertThat(java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> EventIds.next(1L)).distinct().count())
                .isEqualTo(10_000);
    }

    private static DownloadRequested event(Instant at, int status, Long rangeStart, Long rangeEnd, String agent) {
        return new DownloadRequested(EventIds.next(at.toEpochMilli()), "0f5a8e1c-6b2d-4c1e-9a7b-202200000001",
                "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022", at, "GET", status, rangeStart, rangeEnd, 1_048_576,
                agent, "AAAAAAAAAAAAAAAAAAAAAA", "download-1");
    }
}
