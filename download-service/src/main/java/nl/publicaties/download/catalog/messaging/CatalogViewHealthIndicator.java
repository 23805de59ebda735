package nl.publicaties.download.catalog.messaging;

import nl.publicaties.download.catalog.query.DocumentView;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code catalogView}: DOWN until the view has read what {@code catalog.events} held at
 * start, so a load balancer sends no request that would get a false 404; DOWN again if its reading thread ends
 * (a frozen view would serve withdrawn documents). Part of the readiness group.
 */
@Component
public class CatalogViewHealthIndicator implements HealthIndicator {

    private final CatalogEventsReader reader;
    private final DocumentView view;

    public CatalogViewHealthIndicator(CatalogEventsReader reader, DocumentView view) {
        this.reader = reader;
        this.view = view;
    }

    @Override
    public Health health() {
        Health.Builder builder = !reader.isReading() ? Health.down().withDetail("reason",
                "the catalog events reader has stopped: the view no longer follows catalog.events (see the log; "
                        + "restart the instance)")
                : reader.isCaughtUp() ? Health.up() : Health.down().withDetail("reason",
                        "catalog view is still catching up with catalog.events");
        return builder.withDetail("documents", view.documentCount()).build();
    }
}
