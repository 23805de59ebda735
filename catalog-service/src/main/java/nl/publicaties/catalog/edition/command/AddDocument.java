package nl.publicaties.catalog.edition.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a document whose file is already in the blob store under {@code sha256}. */
public record AddDocument(
        @TargetAggregateIdentifier String editionId,
        String documentId,
        String title,
        String kind,
        String audience,
        String regionCode,
        String regionName,
        String language,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256) {
}
