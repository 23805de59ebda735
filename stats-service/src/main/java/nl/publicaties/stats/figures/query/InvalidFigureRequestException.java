package nl.publicaties.stats.figures.query;

/** A figures request that cannot be answered as asked (bad grouping, range ending before it starts…). */
public class InvalidFigureRequestException extends RuntimeException {

    public InvalidFigureRequestException(String message) {
        super(message);
    }
}
