package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/** A withdrawn document is public again, at {@code position} (after every other document). */
@Revision("1")
public record DocumentRestored(String documentId, String editionId, String seriesId, int position) {
}
