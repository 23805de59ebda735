package nl.publicaties.contracts.catalog;

import java.util.List;

/** The public documents of an edition, in their new order: position = index + 1. */
public record DocumentsReordered(String editionId, String seriesId, List<String> documentIds) {

    public static final String TYPE = "DocumentsReordered";
    public static final int REVISION = 1;
}
