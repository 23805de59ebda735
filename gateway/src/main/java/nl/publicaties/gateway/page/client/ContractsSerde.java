package nl.publicaties.gateway.page.client;

import io.micronaut.serde.annotation.SerdeImport;
import nl.publicaties.contracts.catalog.TextSection;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;

/** The contracts are plain records without annotations; this makes them readable by Micronaut Serialization. */
@SerdeImport(SeriesPage.class)
@SerdeImport(SeriesPage.EditionEntry.class)
@SerdeImport(SeriesPage.DocumentEntry.class)
@SerdeImport(SeriesSummary.class)
@SerdeImport(TextSection.class)
@SerdeImport(DocumentCounts.class)
@SerdeImport(DocumentCounts.Entry.class)
final class ContractsSerde {

    private ContractsSerde() {
    }
}
