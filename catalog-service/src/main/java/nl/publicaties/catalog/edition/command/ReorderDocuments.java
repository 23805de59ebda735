package nl.publicaties.catalog.edition.command;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code documentIds}: every public document of the edition, each once, in the new order. */
public record ReorderDocuments(@TargetAggregateIdentifier String editionId, List<String> documentIds) {
}
