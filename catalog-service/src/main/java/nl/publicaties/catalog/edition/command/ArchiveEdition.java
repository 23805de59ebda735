package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveEdition(@TargetAggregateIdentifier String editionId) {
}
