package nl.publicaties.catalog.edition.command;

import java.time.LocalDate;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentFileReplaced;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;

/** Test data named after the seed's real documents (Monitor 2022 of "Monitor integriteit en veiligheid"). */
final class EditionMother {

    static final String SERIES_ID = "86dc967a-c400-5d65-b52b-4da436036a14";
    static final String MONITOR_2022 = "dc20ffdb-6170-53d1-8a42-6aef56985e33";
    static final String REPORT_2022 = "9415a09c-db79-5882-a49b-756bfda6749c";
    static final String GRONINGEN_2022 = "ba396da1-3e7e-5bb7-936d-c13e5b4eeb9b";
    static final String ANOTHER_GRONINGEN = "00000000-0000-0000-0000-000000000001";
    static final String SHA = "a".repeat(64);

    private EditionMother() {
    }

    static CreateEdition createMonitor2022() {
        return new CreateEdition(MONITOR_2022, SERIES_ID, "Monitor 2022", 2022, null, "Per provincie.", null);
    }

    static EditionCreated monitor2022Created() {
        return new EditionCreated(MONITOR_2022, SERIES_ID, "Monitor 2022", 2022, null, "Per provincie.", null);
    }

    static AddDocument addReport2022() {
        return addReport2022Titled("Monitor integriteit en veiligheid 2022");
    }

    static AddDocument addReport2022Titled(String title) {
        return new AddDocument(MONITOR_2022, REPORT_2022, title, "rapport", null, null, null, "nl",
                "monitor-integriteit-en-veiligheid-2022.pdf", "application/pdf", 1048576, SHA);
    }

    static DocumentAdded report2022Added() {
        return new DocumentAdded(REPORT_2022, MONITOR_2022, SERIES_ID, "Monitor integriteit en veiligheid 2022",
                "rapport", null, null, null, "nl", 1, "monitor-integriteit-en-veiligheid-2022.pdf",
                "application/pdf", 1048576, SHA);
    }

    static AddDocument addGroningen(String documentId) {
        return new AddDocument(MONITOR_2022, documentId,
                "Factsheet Monitor integriteit en veiligheid 2022 \u2013 Groningen", "factsheet",
                "politieke ambtsdragers provincies", "PV20", "Groningen", "nl",
                "factsheet-monitor-integriteit-en-veiligheid-2022-groningen.pdf", "application/pdf", 103731, SHA);
    }

    static DocumentAdded groningenAdded(String documentId, int position) {
        return new DocumentAdded(documentId, MONITOR_2022, SERIES_ID,
                "Factsheet Monitor integriteit en veiligheid 2022 \u2013 Groningen", "factsheet",
                "politieke ambtsdragers provincies", "PV20", "Groningen", "nl", position,
                "factsheet-monitor-integriteit-en-veiligheid-2022-groningen.pdf", "application/pdf", 103731, SHA);
    }

    static final String OTHER_SHA = "b".repeat(64);

    static DocumentFileReplaced report2022FileReplaced() {
        return new DocumentFileReplaced(REPORT_2022, MONITOR_2022, SERIES_ID, 2,
                "monitor-integriteit-en-veiligheid-2022.pdf", "application/pdf", 2097152, OTHER_SHA, SHA);
    }

    static EditionPublished monitor2022Published() {
        return new EditionPublished(MONITOR_2022, SERIES_ID, LocalDate.of(2023, 3, 1));
    }

    static DocumentWithdrawn report2022Withdrawn() {
        return new DocumentWithdrawn(REPORT_2022, MONITOR_2022, "vervangen");
    }
}
