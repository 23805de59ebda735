package nl.publicaties.catalog;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.publicaties.catalog.audit.query.History;
import nl.publicaties.catalog.audit.query.HistoryEntry;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.query.EditionView;
import nl.publicaties.catalog.edition.query.EditionViews;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@code EditionCreated} stored at revision 1 (before the planned publication date existed) still works. */
class EventUpcastingIT extends IntegrationTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private EditionViews editions;

    @Autowired
    private History history;

    @Test
    void givenEditionCreatedAtRevision1_whenTheEditionIsLoadedAndChanged_thenItIsUpcastWithoutAPlannedDate() {
        String editionId = UUID.randomUUID().toString();
        String seriesId = UUID.randomUUID().toString();
        String revision1 = "{\"editionId\":\"" + editionId + "\",\"seriesId\":\"" + seriesId + "\","
                + "\"label\":\"Monitor 2020\",\"year\":2020,\"introduction\":null,\"regionalIntroduction\":null}";
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                values (nextval('domain_event_entry_seq'), ?, 0, 'Edition', ?, ?, ?, '1', ?, '2021-01-12T09:30:00Z')""",
                editionId, UUID.randomUUID().toString(), "{\"actor\":\"editor\"}".getBytes(StandardCharsets.UTF_8),
                revision1.getBytes(StandardCharsets.UTF_8), EditionCreated.class.getName());

        commands.sendAndWait(new AddDocument(editionId, UUID.randomUUID().toString(), "Monitor 2020", "rapport",
                null, null, null, "nl", "monitor-2020.pdf", "application/pdf", 1000, "a".repeat(64)));
        commands.sendAndWait(new PublishEdition(editionId, null));

        EditionView view = editions.find(editionId).orElseThrow();
        assertThat(view.label()).isEqualTo("Monitor 2020");
        assertThat(view.publicationDate()).isNull();
        assertThat(view.published()).isTrue();
        assertThat(view.publishedOn()).isNull();
        HistoryEntry created = history.of("Edition", editionId).orElseThrow().get(0);
        assertThat(created.revision()).isEqualTo("2");
        assertThat(created.actor()).isEqualTo("editor");
        assertThat(created.changes().has("publicationDate")).isTrue();
        assertThat(jdbc.queryForObject("select payload_revision from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, editionId))
                .as("the stored event is never rewritten").isEqualTo("1");
    }
}
