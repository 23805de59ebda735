package nl.publicaties.stats.counts.query;

/** A query named a series (of figures) that does not exist. */
public class UnknownSeriesException extends RuntimeException {

    public UnknownSeriesException(String seriesId) {
        super("No series of figures '" + seriesId + "'.");
    }
}
