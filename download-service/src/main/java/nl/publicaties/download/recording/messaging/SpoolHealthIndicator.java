package nl.publicaties.download.recording.messaging;

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
 * is a WARNING until one succeeds again; a spool that could not even be cut back to its last durable record
 * refuses every download and is DOWN until a restart recovers it.
 */
@Component
public class SpoolHealthIndicator implements HealthIndicator {

    public static final Status WARNING = new Status("WARNING", "spool filling up: Kafka is not taking downloads");

    private final Spool spool;
    private final SpoolForwarder forwarder;
    private final SpoolProperties properties;

    public SpoolHealthIndicator(Spool spool, SpoolForwarder forwarder, SpoolProperties properties) {
        this.spool = spool;
        this.forwarder = forwarder;
        this.properties = properties;
    }

    @Override
    public Health health() {
        double fill = spool.fillRatio();
        Optional<String> broken = spool.brokenBecause();
        Optional<String> writeFailure = spool.writeFailure();
        Health.Builder builder = broken.isPresent() ? Health.down()
                : fill >= properties.readinessRatio() ? Health.outOfService()
                : fill >= properties.warningRatio() || writeFailure.isPresent() ? Health.status(WARNING)
                : Health.up();
        broken.ifPresent(cause -> builder.withDetail("broken", cause + " (every download is refused until the "
                + "service is restarted)"));
        writeFailure.ifPresent(cause -> builder.withDetail("lastWriteFailure", cause));
        builder.withDetail("records", spool.unforwardedRecords())
                .withDetail("bytes", spool.unforwardedBytes())
                .withDetail("maxBytes", spool.maxBytes())
                .withDetail("fillRatio", Math.round(fill * 10_000) / 10_000.0)
                .withDetail("directory", spool.directory().toString());
        spool.oldestUnforwardedAppendedAt().ifPresent(at -> builder.withDetail("oldestAppendedAt",
                java.time.Instant.ofEpochMilli(at).toString()));
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
