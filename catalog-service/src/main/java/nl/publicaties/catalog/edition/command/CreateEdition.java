package nl.publicaties.catalog.edition.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code publicationDate}: planned, optional; publishing without a date uses it. */
public record CreateEdition(
        @TargetAggregateIdentifier String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction,
        LocalDate publicationDate) {
}
