package nl.publicaties.catalog.edition.event;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The public documents of an edition now stand in this order: position = index + 1. */
@Revision("1")
public record DocumentsReordered(String editionId, String seriesId, List<String> documentIds) {

    public DocumentsReordered {
        documentIds = List.copyOf(documentIds);
    }
}
