package nl.publicaties.download.delivery.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public HTTP server ({@code DOWNLOAD_PORT}); the management server (Spring's, {@code server.*}) listens on
 * loopback and is reached through it.
 *
 * @param port            the public port; 0 = any free port (tests)
 * @param address         the address to listen on
 * @param ioThreads       Netty event loops; 0 = Netty's default, two per core
 * @param idleTimeout     a keep-alive connection with nothing to read or write for this long is closed
 * @param shutdownTimeout how long a stopping instance lets requests in flight finish
 * @param relayTimeout    how long a relayed (management) request may take
 */
@ConfigurationProperties("download.http")
public record DeliveryProperties(Integer port, String address, int ioThreads, Duration idleTimeout,
        Duration shutdownTimeout, Duration relayTimeout) {

    public DeliveryProperties {
        if (port == null) {
            port = 8082;
        }
        if (address == null || address.isBlank()) {
            address = "0.0.0.0";
        }
        if (idleTimeout == null) {
            idleTimeout = Duration.ofSeconds(60);
        }
        if (shutdownTimeout == null) {
            shutdownTimeout = Duration.ofSeconds(20);
        }
        if (relayTimeout == null) {
            relayTimeout = Duration.ofSeconds(30);
        }
    }
}
