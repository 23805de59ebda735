package nl.publicaties.download.recording.messaging;

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
 * stop serving: it shows in the details only.
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
        Health.Builder builder = fill >= properties.readinessRatio() ? Health.outOfService()
                : fill >= properties.warningRatio() ? Health.status(WARNING) : Health.up();
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
