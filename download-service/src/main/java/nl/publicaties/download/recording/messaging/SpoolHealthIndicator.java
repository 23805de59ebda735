package nl.publicaties.download.recording.messaging;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import nl.publicaties.download.recording.config.SpoolProperties;
import nl.publicaties.download.recording.storage.Spool;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code spool} (also in the readiness group). A growing spool means Kafka is not taking
 * the records; downloads still succeed until it is full, then answer 503. So: WARNING from
 * {@code warning-ratio} (operators look), OUT_OF_SERVICE from {@code readiness-ratio} (a load balancer moves
 * traffic to instances with room before any request is refused). Kafka being away alone is not a reason to
 * stop serving: it shows in the details only. A group commit that failed (and was undone: its downloads got 503)
 * is a WARNING until one succeeds again. Two or more in a row (a disk that refuses every write, not one passing
 * error) take the instance out of service for {@code retry-after} after the last (30 s: what its refused clients
 * were told to wait), so that a load balancer stops sending it traffic it can only refuse; then traffic tests the
 * disk again. A spool that could not even be
 * cut back to its last durable record refuses every download and is DOWN until a restart recovers it; so is one
 * whose forwarding thread has died (nothing would reach Kafka).
 */
@Component
public class SpoolHealthIndicator implements HealthIndicator {

    public static final Status WARNING = new Status("WARNING", "spool filling up: Kafka is not taking downloads");

    private final Spool spool;
    private final SpoolForwarder forwarder;
    private final SpoolProperties properties;

    private final Clock clock;

    public SpoolHealthIndicator(Spool spool, SpoolForwarder forwarder, SpoolProperties properties, Clock clock) {
        this.spool = spool;
        this.forwarder = forwarder;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        double fill = spool.fillRatio();
        Optional<String> broken = spool.brokenBecause();
        Optional<Spool.WriteFailure> writeFailure = spool.writeFailure();
        boolean failing = writeFailure.isPresent() && writeFailure.get().inARow() >= 2
                && clock.millis() - writeFailure.get().atMillis() < properties.retryAfter().toMillis();
        boolean forwarding = forwarder.isForwarding();
        Health.Builder builder = broken.isPresent() || !forwarding ? Health.down()
                : fill >= properties.readinessRatio() || failing ? Health.outOfService()
                : fill >= properties.warningRatio() || writeFailure.isPresent() ? Health.status(WARNING)
                : Health.up();
        broken.ifPresent(cause -> builder.withDetail("broken", cause + " (every download is refused until the "
                + "service is restarted)"));
        if (!forwarding) {
            builder.withDetail("forwarder", "stopped: nothing reaches Kafka until the service is restarted");
        }
        writeFailure.ifPresent(failure -> builder.withDetail("lastWriteFailure", failure.cause())
                .withDetail("lastWriteFailureAt", Instant.ofEpochMilli(failure.atMillis()).toString())
                .withDetail("writeFailuresInARow", failure.inARow()));
        builder.withDetail("records", spool.unforwardedRecords())
                .withDetail("bytes", spool.unforwardedBytes())
                .withDetail("maxBytes", spool.maxBytes())
                .withDetail("fillRatio", Math.round(fill * 10_000) / 10_000.0)
                .withDetail("directory", spool.directory().toString());
        try {
            spool.oldestUnforwardedAppendedAt().ifPresent(at -> builder.withDetail("oldestAppendedAt",
                    Instant.ofEpochMilli(at).toString()));
        } catch (UncheckedIOException e) {
            builder.withDetail("oldestAppendedAt", "unreadable: " + e.getCause().getMessage());
        }
        if (forwarder.lastErrorAt() != null) {
            builder.withDetail("lastKafkaError", forwarder.lastError())
                    .withDetail("lastKafkaErrorAt", forwarder.lastErrorAt().toString());
        }
        if (forwarder.lastAcknowledgedAt() != null) {
            builder.withDetail("lastAcknowledgedAt", forwarder.lastAcknowledgedAt().toString());
        }
        return builder.build();
    }
}
