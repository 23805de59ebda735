package nl.publicaties.catalog.edition.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code publishedOn} may be null when the publication date is not known. */
public record PublishEdition(@TargetAggregateIdentifier String editionId, LocalDate publishedOn) {
}
