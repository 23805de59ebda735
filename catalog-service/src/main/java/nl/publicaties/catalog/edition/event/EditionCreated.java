package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/** A draft edition exists in a series; nothing of it is public until {@link EditionPublished}. */
@Revision("1")
public record EditionCreated(
        String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction) {
}
