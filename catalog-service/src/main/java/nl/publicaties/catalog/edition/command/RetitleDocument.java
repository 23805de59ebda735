package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetitleDocument(@TargetAggregateIdentifier String editionId, String documentId, String title) {
}
