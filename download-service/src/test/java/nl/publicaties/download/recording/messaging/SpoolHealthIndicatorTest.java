package nl.publicaties.download.recording.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.publicaties.download.MutableClock;
import nl.publicaties.download.recording.config.SpoolProperties;
import nl.publicaties.download.recording.storage.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * A spool whose disk keeps refusing writes takes the instance out of service for as long as its refused downloads
 * were told to wait (Retry-After), so a load balancer sends the traffic elsewhere; then it is let back in to try
 * again. One failure that may pass is a warning only.
 */
class SpoolHealthIndicatorTest {

    @Test
    void givenGroupCommitsThatKeepFailing_whenAsked_thenOutOfServiceForRetryAfter_butOnePassingFailureIsAWarning(
            @TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock("2026-11-28T10:00:00Z");
        byte[] record = new byte[30_000];
        // the smallest segment (64 KiB + a header) holds two of these: the third has to start a segment, and a
        // directory in its place makes that fail, as a full or broken disk would
        try (Spool spool = Spool.open(dir, 65_552, 1 << 20, clock::millis, Spool.Listener.NONE)) {
            spool.append(record).get(5, TimeUnit.SECONDS);
            spool.append(record).get(5, TimeUnit.SECONDS);
            Files.createDirectories(dir.resolve(String.format("%020d.seg", 2 * (Spool.HEADER_BYTES + record.length)))
                    .resolve("in-the-way"));
            SpoolProperties properties = new SpoolProperties(null, dir, null, null, null, null, null, null, null,
                    null, null, null);
            SpoolHealthIndicator health = new SpoolHealthIndicator(spool, new SpoolForwarder(spool, () -> null,
                    JsonMapper.builder().build(), new SimpleMeterRegistry(), properties), properties, clock);

            assertThatThrownBy(() -> spool.append(record).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            Health once = health.health();
            assertThat(once.getStatus()).as("one failure may pass").isEqualTo(SpoolHealthIndicator.WARNING);
            assertThat(once.getDetails()).containsKey("lastWriteFailure")
                    .containsEntry("lastWriteFailureAt", "2026-11-28T10:00:00Z");

            clock.set("2026-11-28T10:00:05Z");
            assertThatThrownBy(() -> spool.append(record).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getDetails()).containsEntry("writeFailuresInARow", 2);
            clock.set("2026-11-28T10:00:34Z");
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            clock.set("2026-11-28T10:00:36Z");
            assertThat(health.health().getStatus()).isEqualTo(SpoolHealthIndicator.WARNING);
        }
    }
}
