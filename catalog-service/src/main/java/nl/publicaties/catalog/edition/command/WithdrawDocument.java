package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record WithdrawDocument(@TargetAggregateIdentifier String editionId, String documentId, String reason) {
}
