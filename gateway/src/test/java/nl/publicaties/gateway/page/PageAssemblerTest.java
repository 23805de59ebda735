package nl.publicaties.gateway.page;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.FACTSHEET_ALGEMEEN_2020;
import static nl.publicaties.gateway.testsupport.SeriesPageMother.FACTSHEET_GRONINGEN_2022;
import static nl.publicaties.gateway.testsupport.SeriesPageMother.MONITOR_2022;
import static nl.publicaties.gateway.testsupport.SeriesPageMother.MONITOR_2022_VIJF_MINUTEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.gateway.testsupport.BaselineCounts;
import nl.publicaties.gateway.testsupport.SeriesPageMother;
import org.junit.jupiter.api.Test;

class PageAssemblerTest {

    private final PageAssembler assembler = new PageAssembler("");
    private final SeriesPage monitor = SeriesPageMother.monitorIntegriteitEnVeiligheid();

    @Test
    void givenCatalogAndBaselineCounts_whenAssembled_thenMonitor2022ReadsAsOnThePublishedPage() {
        PublicationPage page = assembler.assemble(monitor, counts(0));

        PublicationPage.Document rapport = document(page, MONITOR_2022);
        assertEquals("Monitor integriteit en veiligheid 2022", rapport.title());
        assertEquals("PDF – 1,0 MB", rapport.formatAndSize());
        assertEquals("Monitor integriteit en veiligheid 2022 (PDF, 1,0 MB)", rapport.accessibleName());
        assertEquals("366 downloads", rapport.downloadsText());
        assertEquals(new PublicationPage.Counts(366, 0, 366), rapport.counts());
        assertEquals("/documents/" + MONITOR_2022 + "/monitor-integriteit-en-veiligheid-2022.pdf",
                rapport.downloadUrl());
        assertEquals("PDF – 238,2 KB", document(page, MONITOR_2022_VIJF_MINUTEN).formatAndSize());
        assertEquals("PDF – 78,9 KB", document(page, FACTSHEET_ALGEMEEN_2020).formatAndSize());
        assertTrue(page.countsAvailable());
        assertEquals(BaselineCounts.POLICY_VERSION, page.policyVersion());
        assertEquals("2026-11-28T04:10:00Z", page.asOf());
        assertEquals("28 november 2026 om 05:10", page.asOfText());
    }

    @Test
    void givenCatalog_whenAssembled_thenNewestEditionFirstAndTheOthersEarlier() {
        PublicationPage page = assembler.assemble(monitor, counts(0));

        assertEquals("Monitor 2022", page.currentEdition().label());
        assertEquals(List.of("Monitor 2020", "Monitor 2018"),
                page.earlierEditions().stream().map(PublicationPage.Edition::label).toList());
    }

    @Test
    void givenEditionsOutOfOrder_whenAssembled_thenStillNewestFirst() {
        List<SeriesPage.EditionEntry> shuffled = new ArrayList<>(monitor.editions());
        java.util.Collections.reverse(shuffled);
        SeriesPage reversed = new SeriesPage(monitor.seriesId(), monitor.slug(), monitor.title(),
                monitor.introduction(), monitor.sections(), shuffled);

        PublicationPage page = assembler.assemble(reversed, counts(0));

        assertEquals(List.of(2022, 2020, 2018), page.editions().stream().map(PublicationPage.Edition::year).toList());
    }

    @Test
    void givenTwelveProvincialFactsheets_whenAssembled_thenTheyFormTheirOwnSectionAndTheRestTheMainList() {
        PublicationPage.Edition monitor2022 = assembler.assemble(monitor, counts(0)).currentEdition();

        assertEquals(12, monitor2022.regionalDocuments().size());
        assertEquals(List.of("Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
                        "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"),
                monitor2022.regionalDocuments().stream().map(PublicationPage.Document::regionName).toList());
        assertEquals(4, monitor2022.documents().size());
        assertTrue(monitor2022.documents().stream().allMatch(d -> d.regionCode() == null));
        assertTrue(monitor2022.regionalIntroduction().startsWith("Het ministerie van BZK"));
    }

    @Test
    void givenFactsheetWithoutBaseline_whenAssembled_thenItStartsAtZeroDownloads() {
        PublicationPage page = assembler.assemble(monitor, counts(0));

        assertEquals("0 downloads", document(page, FACTSHEET_GRONINGEN_2022).downloadsText());
    }

    @Test
    void givenCountedDownloadsOnTopOfBaseline_whenAssembled_thenTotalWithThousandsSeparator() {
        PublicationPage page = assembler.assemble(monitor, counts(1000));

        assertEquals("1.366 downloads", document(page, MONITOR_2022).downloadsText());
        assertEquals(new PublicationPage.Counts(366, 1000, 1366), document(page, MONITOR_2022).counts());
    }

    @Test
    void givenStatsUnavailable_whenAssembled_thenNoFiguresButEveryDocumentStillListed() {
        PublicationPage page = assembler.assemble(monitor, Optional.empty());

        assertFalse(page.countsAvailable());
        assertNull(page.policyVersion());
        assertNull(page.asOf());
        assertEquals(23, page.editions().stream()
                .mapToInt(e -> e.documents().size() + e.regionalDocuments().size()).sum());
        assertNull(document(page, MONITOR_2022).counts());
        assertNull(document(page, MONITOR_2022).downloadsText());
        assertEquals("PDF – 1,0 MB", document(page, MONITOR_2022).formatAndSize());
    }

    @Test
    void givenDownloadLinkBase_whenAssembled_thenLinksPointAtTheDownloadsHost() {
        PublicationPage page = new PageAssembler("https://downloads.example.nl/").assemble(monitor, counts(0));

        assertEquals("https://downloads.example.nl/documents/" + MONITOR_2022
                + "/monitor-integriteit-en-veiligheid-2022.pdf", document(page, MONITOR_2022).downloadUrl());
    }

    @Test
    void givenCatalog_whenDocumentIdsAsked_thenAllTwentyThreeInPageOrder() {
        List<String> ids = PageAssembler.documentIds(monitor);

        assertEquals(23, ids.size());
        assertEquals(MONITOR_2022, ids.get(0));
    }

    private Optional<nl.publicaties.contracts.counts.DocumentCounts> counts(long counted) {
        return Optional.of(BaselineCounts.answer(PageAssembler.documentIds(monitor), counted));
    }

    private static PublicationPage.Document document(PublicationPage page, String id) {
        return page.editions().stream()
                .flatMap(e -> java.util.stream.Stream.concat(e.documents().stream(), e.regionalDocuments().stream()))
                .filter(d -> d.documentId().equals(id))
                .findFirst().orElseThrow();
    }
}
