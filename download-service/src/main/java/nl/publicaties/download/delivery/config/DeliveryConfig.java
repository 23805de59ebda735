package nl.publicaties.download.delivery.config;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.delivery.web.DocumentDelivery;
import nl.publicaties.download.delivery.web.DocumentServer;
import nl.publicaties.download.delivery.web.ManagementRelay;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Downloads are served by {@link DocumentServer} (Netty) on the public port; Spring's own server keeps
 * {@code /actuator} on loopback and is reached through the {@link ManagementRelay}. The public port bound is
 * published as {@code local.download.port} (as Boot publishes {@code local.server.port}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfig {

    static final String PORT_PROPERTY = "local.download.port";

    @Bean
    DocumentDelivery documentDelivery(DocumentView view, BlobStore blobs, DownloadRecorder recorder,
            VisitorKeys visitorKeys, DownloadProperties properties, Clock clock, MeterRegistry meters,
            JsonMapper json) {
        return new DocumentDelivery(view, blobs, recorder, visitorKeys, properties, clock, meters, json);
    }

    @Bean
    ManagementRelay managementRelay(DeliveryProperties properties) {
        return new ManagementRelay(properties.relayTimeout(), properties.managementClients());
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> managementServerFound(ManagementRelay relay,
            ConfigurableEnvironment environment) {
        return event -> {
            String address = environment.getProperty("server.address", "127.0.0.1");
            relay.target("0.0.0.0".equals(address) || "::".equals(address) ? "127.0.0.1" : address,
                    event.getWebServer().getPort());
        };
    }

    @Bean
    DocumentServer documentServer(DeliveryProperties properties, DocumentDelivery delivery, ManagementRelay relay,
            ConfigurableEnvironment environment) {
        return new DocumentServer(properties.address(), properties.port(), properties.ioThreads(),
                properties.idleTimeout(), properties.shutdownTimeout(), properties.corkFrom().toBytes(), delivery, relay,
                port -> environment.getPropertySources().addFirst(
                        new MapPropertySource("download.server.ports", Map.of(PORT_PROPERTY, port))));
    }
}
