package nl.publicaties.stats.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.publicaties.stats.figures.query.FiguresQuery;
import org.junit.jupiter.api.Test;

/** The lines of the dashboard's charts over time. */
class DashboardSeriesTest {

    @Test
    void givenDaysWithoutDownloads_whenCharted_thenEachDayOfThePeriodIsAPoint_aZeroWhereNothingWasCounted() {
        Map<String, Object> series = DashboardController.series(List.of(
                new FiguresQuery.DayGroup(LocalDate.of(2026, 11, 2), "e1", "Monitor 2022", 4),
                new FiguresQuery.DayGroup(LocalDate.of(2026, 11, 4), "e1", "Monitor 2022", 2)),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5));

        assertThat(series.get("labels")).isEqualTo(List.of("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04",
                "2026-11-05"));
        assertThat(series.get("lines")).isEqualTo(List.of(Map.of("label", "Monitor 2022",
                "values", List.of(0L, 4L, 0L, 2L, 0L))));
    }

    @Test
    void givenTwoEditionsUnderOneLabel_whenCharted_thenTwoLines_neitherOverwritingTheOther() {
        Map<String, Object> series = DashboardController.series(List.of(
                new FiguresQuery.DayGroup(LocalDate.of(2026, 11, 1), "e1", "Monitor 2022", 4),
                new FiguresQuery.DayGroup(LocalDate.of(2026, 11, 1), "e2", "Monitor 2022", 3)),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1));

        assertThat((List<?>) series.get("lines")).hasSize(2);
    }
}
