package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/** A published edition is superseded: the page hides it or lists it as an earlier edition (configuration). */
@Revision("1")
public record EditionArchived(String editionId, String seriesId) {
}
