package nl.publicaties.download.recording.messaging;

import java.time.LocalDate;

import nl.publicaties.download.recording.VisitorKeys;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code visitorSecrets}, part of the readiness group: DOWN only while the first attempt at
 * start to get the shared secret is under way (an instance that served with a secret of its own would count its
 * visitors apart from every other instance's). Without the shared secret after that (Kafka away at start or at
 * midnight) it is a WARNING, not DOWN: downloads go on and are still recorded, only their visitor keys are this
 * instance's own until the secret arrives.
 */
@Component
class VisitorSecretsHealthIndicator implements HealthIndicator {

    private static final Status WARNING = new Status("WARNING");

    private final VisitorSecretExchange exchange;
    private final VisitorKeys keys;

    VisitorSecretsHealthIndicator(VisitorSecretExchange exchange, VisitorKeys keys) {
        this.exchange = exchange;
        this.keys = keys;
    }

    @Override
    public Health health() {
        LocalDate today = keys.today();
        boolean shared = keys.isShared(today);
        Health.Builder builder = shared ? Health.up()
                : exchange.firstRoundDone() ? Health.status(WARNING).withDetail("reason",
                        "no shared visitor secret for " + today + ": this instance's visitor keys match no other's")
                : Health.down().withDetail("reason", "asking Kafka for the shared visitor secret");
        builder.withDetail("day", today.toString()).withDetail("shared", shared);
        if (exchange.lastError() != null) {
            builder.withDetail("lastError", exchange.lastError()).withDetail("lastErrorAt", exchange.lastErrorAt());
        }
        return builder.build();
    }
}
