package nl.publicaties.catalog.series.query;

import java.util.List;
import java.util.Optional;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Series questions answered from the write side: the event store and the slug claims written in the same
 * transaction as the events, so the answers never lag behind a command the way the page tables may.
 */
@Service
public class SeriesViews {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    public SeriesViews(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public Optional<SeriesView> find(String seriesId) {
        if (seriesId == null || seriesId.isBlank()) {
            return Optional.empty();
        }
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(seriesId, 0).asStream().toList();
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof SeriesRegistered registered)) {
            return Optional.empty();
        }
        return Optional.of(new SeriesView(registered.seriesId(), registered.slug(), registered.title(),
                registered.introduction(), registered.sections(), registered.commissionedBy(),
                registered.researchedBy(), events.get(events.size() - 1).getSequenceNumber(),
                editionIdsOf(seriesId)));
    }

    public Optional<String> seriesIdBySlug(String slug) {
        return jdbc.queryForList("select series_id from series_slug where slug = ?", String.class, slug)
                .stream().findFirst();
    }

    /** Payloads are JSON (Jackson serializer), so PostgreSQL can look inside them. */
    public List<String> editionIdsOf(String seriesId) {
        return jdbc.queryForList("""
                select aggregate_identifier from domain_event_entry
                where payload_type = ? and convert_from(payload, 'UTF8')::json ->> 'seriesId' = ?
                order by global_index""", String.class, EditionCreated.class.getName(), seriesId);
    }
}
