package nl.publicaties.catalog.edition.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A draft edition exists in a series; nothing of it is public until {@link EditionPublished}.
 * Revision 2 added the planned {@code publicationDate} (null when not planned); revision 1 events are
 * upcast by {@link EditionCreatedUpcaster}.
 */
@Revision("2")
public record EditionCreated(
        String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction,
        LocalDate publicationDate) {
}
