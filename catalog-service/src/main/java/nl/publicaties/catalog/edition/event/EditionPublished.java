package nl.publicaties.catalog.edition.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An edition and its documents are public from now on. {@code publishedOn} is null when not known. */
@Revision("1")
public record EditionPublished(String editionId, String seriesId, LocalDate publishedOn) {
}
