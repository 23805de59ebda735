package nl.publicaties.download.delivery.config;

import java.time.Duration;

import nl.publicaties.download.delivery.web.ManagementRelay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
 * @param corkFrom        a body of at least this size is written corked ({@code TCP_CORK}, epoll transport only):
 *                        the header waits for the file and everything leaves in full segments, as nginx's
 *                        {@code tcp_nopush} does. Measured as a ratio to nginx (bench/download/README.md): 1 MB
 *                        bodies +26–36 %, 100 KB bodies −13–28 % (two more system calls and a push per answer
 *                        cost more there)
 * @param managementClients who may reach the management endpoints through the public port: {@code internal}
 *                        (default: loopback, private, link-local, 100.64/10 and fc00::/7 clients, behind a proxy the
 *                        address it forwards) or {@code any}, for operations traffic from elsewhere; probes can
 *                        also use the management port itself ({@code DOWNLOAD_MANAGEMENT_ADDRESS}/{@code _PORT})
 */
@ConfigurationProperties("download.http")
public record DeliveryProperties(Integer port, String address, int ioThreads, Duration idleTimeout,
        Duration shutdownTimeout, Duration relayTimeout, DataSize corkFrom,
        ManagementRelay.Clients managementClients) {

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
        if (corkFrom == null) {
            corkFrom = DataSize.ofKilobytes(512);
        }
        if (managementClients == null) {
            managementClients = ManagementRelay.Clients.INTERNAL;
        }
    }
}
