package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DocumentRetitled(String documentId, String editionId, String title, String previousTitle) {
}
