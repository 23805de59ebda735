package nl.publicaties.contracts.pages;

/** One entry of {@code GET /api/series} on catalog-service. */
public record SeriesSummary(String seriesId, String slug, String title) {
}
