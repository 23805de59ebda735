package nl.publicaties.catalog.series.command;

import java.util.List;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private static final String ID = "86dc967a-c400-5d65-b52b-4da436036a14";
    private static final List<SeriesRegistered.Section> SECTIONS = List.of(new SeriesRegistered.Section(
            "Stijging agressie en intimidatie tegen politieke ambtsdragers in provincies", "De Monitor ..."));

    private FixtureConfiguration<Series> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Series.class);
    }

    @Test
    void givenNothing_whenRegisterSeries_thenSeriesRegistered() {
        fixture.givenNoPriorActivity()
                .when(register("monitor-integriteit-en-veiligheid", "Monitor integriteit en veiligheid"))
                .expectEvents(new SeriesRegistered(ID, "monitor-integriteit-en-veiligheid",
                        "Monitor integriteit en veiligheid", "Dit onderzoek ...", SECTIONS,
                        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", null));
    }

    @Test
    void givenNothing_whenRegisterSeriesWithoutTitle_thenInvalidTitle() {
        fixture.givenNoPriorActivity()
                .when(register("monitor-integriteit-en-veiligheid", ""))
                .expectException(Titles.InvalidTitle.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenRegisterSeriesWithTooLongTitle_thenInvalidTitle() {
        fixture.givenNoPriorActivity()
                .when(register("monitor-integriteit-en-veiligheid", "M".repeat(301)))
                .expectException(Titles.InvalidTitle.class);
    }

    @Test
    void givenNothing_whenRegisterSeriesWithSlugNotUrlSafe_thenInvalidSlug() {
        fixture.givenNoPriorActivity()
                .when(register("Monitor integriteit/../", "Monitor integriteit en veiligheid"))
                .expectException(Series.InvalidSlug.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenRegisterSeriesWithTooManyOrTooLongSections_thenRefusedWithoutAnEvent() {
        List<SeriesRegistered.Section> many = java.util.Collections.nCopies(21, SECTIONS.get(0));
        fixture.givenNoPriorActivity()
                .when(new RegisterSeries(ID, "monitor", "Monitor", null, many, null, null))
                .expectException(Series.TooManySections.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterSeries(ID, "monitor", "Monitor", null,
                        List.of(new SeriesRegistered.Section("Lang", "x".repeat(10_001))), null, null))
                .expectException(nl.publicaties.catalog.Texts.InvalidText.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterSeries(ID, "monitor", "Monitor", null,
                        List.of(new SeriesRegistered.Section("Een\tkop", "Tekst")), null, null))
                .expectException(nl.publicaties.catalog.Texts.InvalidText.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterSeries(ID, "monitor", "Monitor", "Inleiding\u0007", SECTIONS, null, null))
                .expectException(nl.publicaties.catalog.Texts.InvalidText.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenRegisterSeriesWithATrailingLineBreakInItsTitle_thenRegisteredUnderTheStrippedTitle() {
        fixture.givenNoPriorActivity()
                .when(register("monitor-integriteit-en-veiligheid", "Monitor integriteit en veiligheid\n"))
                .expectEvents(new SeriesRegistered(ID, "monitor-integriteit-en-veiligheid",
                        "Monitor integriteit en veiligheid", "Dit onderzoek ...", SECTIONS,
                        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", null));
    }

    private static RegisterSeries register(String slug, String title) {
        return new RegisterSeries(ID, slug, title, "Dit onderzoek ...", SECTIONS,
                "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", null);
    }
}
