package nl.publicaties.catalog.series.command;

import java.util.regex.Pattern;
import nl.publicaties.catalog.RuleViolation;
import nl.publicaties.catalog.Texts;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A publication series. Nothing later decides on its state yet, so it keeps only its identity; the page
 * data lives in the event and the read model.
 */
@Aggregate
public class Series {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_SLUG_LENGTH = 120;

    @AggregateIdentifier
    private String seriesId;

    protected Series() {
    }

    @CommandHandler
    public Series(RegisterSeries command) {
        if (command.slug() == null || command.slug().length() > MAX_SLUG_LENGTH
                || !SLUG.matcher(command.slug()).matches()) {
            throw new InvalidSlug(command.slug());
        }
        String title = Titles.require("series", command.title());
        Texts.optional("the series' introduction", command.introduction(), Texts.LONG);
        if (command.sections() != null) {
            if (command.sections().size() > Texts.MAX_SECTIONS) {
                throw new TooManySections(command.sections().size());
            }
            for (SeriesRegistered.Section section : command.sections()) {
                if (section == null) {
                    throw new TooManySections(-1);
                }
                Texts.optionalLine("a section's title", section.title(), Titles.MAX_LENGTH);
                Texts.optional("a section's text", section.body(), Texts.LONG);
            }
        }
        Texts.optional("commissioned by", command.commissionedBy(), Texts.SHORT);
        Texts.optional("researched by", command.researchedBy(), Texts.SHORT);
        apply(new SeriesRegistered(command.seriesId(), command.slug(), title, command.introduction(),
                command.sections(), command.commissionedBy(), command.researchedBy()));
    }

    @EventSourcingHandler
    void on(SeriesRegistered event) {
        this.seriesId = event.seriesId();
    }

    public static final class TooManySections extends RuleViolation {
        TooManySections(int sections) {
            super(sections < 0 ? "a section cannot be empty" : "a series page has at most " + Texts.MAX_SECTIONS
                    + " sections, not " + sections);
        }
    }

    public static final class InvalidSlug extends RuleViolation {
        InvalidSlug(String slug) {
            super("slug '" + slug + "' must be lowercase words of a-z and 0-9 joined by single hyphens, at most "
                    + MAX_SLUG_LENGTH + " characters");
        }
    }
}
