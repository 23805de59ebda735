package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/** A document is no longer public. */
@Revision("1")
public record DocumentWithdrawn(String documentId, String editionId, String reason) {
}
