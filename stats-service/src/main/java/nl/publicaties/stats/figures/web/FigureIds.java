package nl.publicaties.stats.figures.web;

import java.util.UUID;
import java.util.regex.Pattern;
import nl.publicaties.stats.figures.query.InvalidFigureRequestException;

final class FigureIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private FigureIds() {
    }

    static UUID document(String text) {
        if (text == null || !UUID_TEXT.matcher(text.strip()).matches()) {
            throw new InvalidFigureRequestException("The document id must be a UUID.");
        }
        return UUID.fromString(text.strip());
    }
}
