package nl.publicaties.contracts.catalog;

import java.time.LocalDate;

/** An edition and its documents are public from now on. */
public record EditionPublished(String editionId, String seriesId, LocalDate publishedOn) {

    public static final String TYPE = "EditionPublished";
    public static final int REVISION = 1;
}
