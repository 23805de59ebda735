package nl.publicaties.catalog.series.command;

import java.util.List;
import nl.publicaties.catalog.series.event.SeriesRegistered.Section;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterSeries(
        @TargetAggregateIdentifier String seriesId,
        String slug,
        String title,
        String introduction,
        List<Section> sections,
        String commissionedBy,
        String researchedBy) {
}
