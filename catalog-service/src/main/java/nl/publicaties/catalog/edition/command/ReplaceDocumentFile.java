package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a document a new file (already in the blob store); its file name, and so its public link, stay. */
public record ReplaceDocumentFile(
        @TargetAggregateIdentifier String editionId,
        String documentId,
        String mediaType,
        long sizeBytes,
        String sha256) {
}
