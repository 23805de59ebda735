package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateEdition(
        @TargetAggregateIdentifier String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction) {
}
