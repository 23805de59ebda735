package nl.publicaties.catalog.publishing.messaging;

import java.time.LocalDate;
import java.util.List;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.EditionPublished;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.CatalogEvents;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationEventsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void givenSeriesRegistered_whenMapped_thenKeyedBySeriesIdWithContractTypeAndSections() {
        IntegrationEvents.Outgoing outgoing = IntegrationEvents.of(new SeriesRegistered("s1", "monitor",
                "Monitor", "intro", List.of(new SeriesRegistered.Section("t", "b")), "BZK", null));

        assertThat(outgoing.key()).isEqualTo("s1");
        assertThat(outgoing.type()).isEqualTo("SeriesRegistered");
        assertThat(outgoing.revision()).isEqualTo(1);
        assertThat(outgoing.payload()).isInstanceOf(nl.publicaties.contracts.catalog.SeriesRegistered.class);
        assertThat(json.writeValueAsString(outgoing.payload())).contains("\"sections\":[{\"title\":\"t\"");
    }

    @Test
    void givenDocumentAdded_whenMapped_thenKeyedByEditionId() {
        IntegrationEvents.Outgoing outgoing = IntegrationEvents.of(new DocumentAdded("d1", "e1", "s1", "T",
                "rapport", null, null, null, "nl", 1, "t.pdf", "application/pdf", 10, "a".repeat(64)));

        assertThat(outgoing.key()).isEqualTo("e1");
        assertThat(outgoing.type()).isEqualTo("DocumentAdded");
        assertThat(json.readValue(json.writeValueAsString(outgoing.payload()),
                nl.publicaties.contracts.catalog.DocumentAdded.class).sha256()).isEqualTo("a".repeat(64));
    }

    @Test
    void givenEditionPublished_whenSerialized_thenDateIsIsoStringWithoutTypeInfo() {
        String value = json.writeValueAsString(IntegrationEvents.of(
                new EditionPublished("e1", "s1", LocalDate.of(2023, 3, 1))).payload());

        assertThat(value).isEqualTo("{\"editionId\":\"e1\",\"seriesId\":\"s1\",\"publishedOn\":\"2023-03-01\"}");
    }

    @Test
    void givenDocumentFileReplaced_whenMapped_thenKeyedByEditionIdWithNewAndPreviousHash() {
        IntegrationEvents.Outgoing outgoing = IntegrationEvents.of(
                new nl.publicaties.catalog.edition.event.DocumentFileReplaced("d1", "e1", "s1", 2, "t.pdf",
                        "application/pdf", 20, "b".repeat(64), "a".repeat(64)));

        assertThat(outgoing.key()).isEqualTo("e1");
        assertThat(outgoing.type()).isEqualTo("DocumentFileReplaced");
        assertThat(outgoing.revision()).isEqualTo(1);
        assertThat(json.readValue(json.writeValueAsString(outgoing.payload()), DocumentFileReplaced.class))
                .isEqualTo(new DocumentFileReplaced("d1", "e1", "s1", 2, "t.pdf", "application/pdf", 20,
                        "b".repeat(64), "a".repeat(64)));
    }

    @Test
    void givenDocumentRetitled_whenMapped_thenOnlyTheNewTitleLeavesTheService() {
        String value = json.writeValueAsString(IntegrationEvents.of(
                new nl.publicaties.catalog.edition.event.DocumentRetitled("d1", "e1", "Nieuw", "Oud")).payload());

        assertThat(value).isEqualTo("{\"documentId\":\"d1\",\"editionId\":\"e1\",\"title\":\"Nieuw\"}");
    }

    @Test
    void givenEveryEditorialEvent_whenMapped_thenItsTypeIsPublishedAndKeyIsTheEdition() {
        List<IntegrationEvents.Outgoing> outgoing = List.of(
                IntegrationEvents.of(new nl.publicaties.catalog.edition.event.DocumentRestored("d1", "e1", "s1", 3)),
                IntegrationEvents.of(new nl.publicaties.catalog.edition.event.DocumentsReordered("e1", "s1",
                        List.of("d2", "d1"))),
                IntegrationEvents.of(new nl.publicaties.catalog.edition.event.EditionArchived("e1", "s1")));

        assertThat(outgoing).allSatisfy(o -> {
            assertThat(o.key()).isEqualTo("e1");
            assertThat(CatalogEvents.BY_TYPE.get(o.type())).isEqualTo(o.payload().getClass());
        });
        assertThat(outgoing).extracting(IntegrationEvents.Outgoing::type)
                .containsExactly("DocumentRestored", "DocumentsReordered", "EditionArchived");
    }
}
