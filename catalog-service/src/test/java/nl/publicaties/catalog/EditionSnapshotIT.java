package nl.publicaties.catalog;

import java.util.Map;
import java.util.UUID;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.Edition;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.command.RetitleDocument;
import nl.publicaties.catalog.edition.query.EditionView;
import nl.publicaties.catalog.edition.query.EditionViews;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Past the threshold (50 events) an edition is snapshotted and still decides exactly as before. */
class EditionSnapshotIT extends IntegrationTestBase {

    @Autowired
    private CommandGateway commands;

    @Autowired
    private EditionViews editions;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void givenEditionWithMoreEventsThanTheThreshold_whenLoadedFromItsSnapshot_thenRulesAndVersionStillHold() {
        String editionId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateEdition(editionId, UUID.randomUUID().toString(), "Monitor 2026", 2026, null,
                null, null));
        for (int i = 1; i <= 30; i++) {
            commands.sendAndWait(new AddDocument(editionId, "doc-" + i, "Bijlage " + i, "bijlage", null, null, null,
                    "nl", "bijlage-" + i + ".pdf", "application/pdf", 1000, "c".repeat(64)));
        }
        for (int i = 1; i <= 30; i++) {
            commands.sendAndWait(new RetitleDocument(editionId, "doc-" + i, "Bijlage " + i + " (herzien)"));
        }

        assertThat(jdbc.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                Long.class, editionId)).isPositive();
        assertThatThrownBy(() -> commands.sendAndWait(new AddDocument(editionId, "doc-1", "Dubbel", "bijlage", null,
                null, null, "nl", "dubbel.pdf", "application/pdf", 1000, "c".repeat(64))))
                .isInstanceOf(Edition.DuplicateDocument.class);
        assertThatThrownBy(() -> commands.sendAndWait(GenericCommandMessage
                .asCommandMessage(new PublishEdition(editionId, null))
                .andMetaData(Map.of(Edition.EXPECTED_VERSION, 59L))))
                .isInstanceOf(Edition.StaleVersion.class);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PublishEdition(editionId, null))
                .andMetaData(Map.of(Edition.EXPECTED_VERSION, 60L)));

        EditionView view = editions.find(editionId).orElseThrow();
        assertThat(view.version()).isEqualTo(61);
        assertThat(view.published()).isTrue();
        assertThat(view.documents()).hasSize(30).allMatch(d -> d.title().endsWith("(herzien)"));
    }
}
