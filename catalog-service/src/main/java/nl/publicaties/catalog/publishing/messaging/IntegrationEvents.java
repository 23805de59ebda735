package nl.publicaties.catalog.publishing.messaging;

import java.util.List;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.DocumentRestored;
import nl.publicaties.contracts.catalog.DocumentRetitled;
import nl.publicaties.contracts.catalog.DocumentsReordered;
import nl.publicaties.contracts.catalog.EditionArchived;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import nl.publicaties.contracts.catalog.TextSection;

/**
 * Maps the service's domain events to the integration events of {@code contracts}. The two are separate on
 * purpose: the event store may keep more (or differently shaped) facts than other services may rely on.
 */
public final class IntegrationEvents {

    private IntegrationEvents() {
    }

    /** An integration event with its Kafka key, name and revision. */
    public record Outgoing(String key, String type, int revision, Record payload) {
    }

    public static Outgoing of(SeriesRegistered e) {
        List<TextSection> sections = e.sections().stream()
                .map(s -> new TextSection(s.title(), s.body()))
                .toList();
        return new Outgoing(e.seriesId(), nl.publicaties.contracts.catalog.SeriesRegistered.TYPE,
                nl.publicaties.contracts.catalog.SeriesRegistered.REVISION,
                new nl.publicaties.contracts.catalog.SeriesRegistered(e.seriesId(), e.slug(), e.title(),
                        e.introduction(), sections, e.commissionedBy(), e.researchedBy()));
    }

    public static Outgoing of(EditionCreated e) {
        return new Outgoing(e.editionId(), nl.publicaties.contracts.catalog.EditionCreated.TYPE,
                nl.publicaties.contracts.catalog.EditionCreated.REVISION,
                new nl.publicaties.contracts.catalog.EditionCreated(e.editionId(), e.seriesId(), e.label(),
                        e.year(), e.introduction(), e.regionalIntroduction()));
    }

    public static Outgoing of(DocumentAdded e) {
        return new Outgoing(e.editionId(), nl.publicaties.contracts.catalog.DocumentAdded.TYPE,
                nl.publicaties.contracts.catalog.DocumentAdded.REVISION,
                new nl.publicaties.contracts.catalog.DocumentAdded(e.documentId(), e.editionId(), e.seriesId(),
                        e.title(), e.kind(), e.audience(), e.regionCode(), e.regionName(), e.language(),
                        e.position(), e.fileName(), e.mediaType(), e.sizeBytes(), e.sha256()));
    }

    public static Outgoing of(EditionPublished e) {
        return new Outgoing(e.editionId(), nl.publicaties.contracts.catalog.EditionPublished.TYPE,
                nl.publicaties.contracts.catalog.EditionPublished.REVISION,
                new nl.publicaties.contracts.catalog.EditionPublished(e.editionId(), e.seriesId(),
                        e.publishedOn()));
    }

    public static Outgoing of(DocumentWithdrawn e) {
        return new Outgoing(e.editionId(), nl.publicaties.contracts.catalog.DocumentWithdrawn.TYPE,
                nl.publicaties.contracts.catalog.DocumentWithdrawn.REVISION,
                new nl.publicaties.contracts.catalog.DocumentWithdrawn(e.documentId(), e.editionId(),
                        e.reason()));
    }

    public static Outgoing of(nl.publicaties.catalog.edition.event.DocumentFileReplaced e) {
        return new Outgoing(e.editionId(), DocumentFileReplaced.TYPE, DocumentFileReplaced.REVISION,
                new DocumentFileReplaced(e.documentId(), e.editionId(), e.seriesId(), e.fileRevision(),
                        e.fileName(), e.mediaType(), e.sizeBytes(), e.sha256(), e.previousSha256()));
    }

    public static Outgoing of(nl.publicaties.catalog.edition.event.DocumentRestored e) {
        return new Outgoing(e.editionId(), DocumentRestored.TYPE, DocumentRestored.REVISION,
                new DocumentRestored(e.documentId(), e.editionId(), e.seriesId(), e.position()));
    }

    /** The previous title stays in the event store: other services only need the new one. */
    public static Outgoing of(nl.publicaties.catalog.edition.event.DocumentRetitled e) {
        return new Outgoing(e.editionId(), DocumentRetitled.TYPE, DocumentRetitled.REVISION,
                new DocumentRetitled(e.documentId(), e.editionId(), e.title()));
    }

    public static Outgoing of(nl.publicaties.catalog.edition.event.DocumentsReordered e) {
        return new Outgoing(e.editionId(), DocumentsReordered.TYPE, DocumentsReordered.REVISION,
                new DocumentsReordered(e.editionId(), e.seriesId(), e.documentIds()));
    }

    public static Outgoing of(nl.publicaties.catalog.edition.event.EditionArchived e) {
        return new Outgoing(e.editionId(), EditionArchived.TYPE, EditionArchived.REVISION,
                new EditionArchived(e.editionId(), e.seriesId()));
    }
}
