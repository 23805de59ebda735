package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestoreDocument(@TargetAggregateIdentifier String editionId, String documentId) {
}
