package nl.publicaties.gateway.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DutchNotationTest {

    @Test
    void givenSeedSizes_whenFormatted_thenAsOnThePublishedPage() {
        assertEquals("1,0 MB", DutchNotation.fileSize(1_048_576));
        assertEquals("238,2 KB", DutchNotation.fileSize(243_917));
        assertEquals("78,9 KB", DutchNotation.fileSize(80_794));
        assertEquals("138,7 KB", DutchNotation.fileSize(142_029));
        assertEquals("1,4 MB", DutchNotation.fileSize(1_468_006));
        assertEquals("544,6 KB", DutchNotation.fileSize(557_670));
        assertEquals("860,8 KB", DutchNotation.fileSize(881_459));
    }

    @Test
    void givenSizesThatRoundUpToTheNextUnit_whenFormatted_thenInThatUnit_neverAsOneThousandAndTwentyFour() {
        assertEquals("1,0 MB", DutchNotation.fileSize(1_048_575));
        assertEquals("1.023,9 KB", DutchNotation.fileSize(1_048_473));
        assertEquals("1,0 GB", DutchNotation.fileSize(1L << 30));
        assertEquals("2,5 GB", DutchNotation.fileSize(5L << 29));
        assertEquals("1,0 KB", DutchNotation.fileSize(1_024));
    }

    @Test
    void givenSizesUnderOneKilobyte_whenFormatted_thenBytes_notZeroKilobytes() {
        assertEquals("0 bytes", DutchNotation.fileSize(0));
        assertEquals("1 byte", DutchNotation.fileSize(1));
        assertEquals("51 bytes", DutchNotation.fileSize(51));
        assertEquals("1.023 bytes", DutchNotation.fileSize(1_023));
    }

    @Test
    void givenCounts_whenFormatted_thenDutchThousandsSeparator() {
        assertEquals("366 downloads", DutchNotation.downloads(366));
        assertEquals("1.234 downloads", DutchNotation.downloads(1234));
        assertEquals("1.234.567 downloads", DutchNotation.downloads(1_234_567));
        assertEquals("1 download", DutchNotation.downloads(1));
        assertEquals("0 downloads", DutchNotation.downloads(0));
    }

    @Test
    void givenMediaTypes_whenLabelled_thenShortFormatName() {
        assertEquals("PDF", DutchNotation.formatLabel("application/pdf", "rapport.pdf"));
        assertEquals("PDF", DutchNotation.formatLabel("Application/PDF; charset=binary", null));
        assertEquals("ODS", DutchNotation.formatLabel("application/x-unknown", "tabel.ods"));
    }

    @Test
    void givenInstant_whenShown_thenAmsterdamTimeInDutch() {
        assertEquals("28 november 2026 om 05:10", DutchNotation.dateTime(Instant.parse("2026-11-28T04:10:00Z")));
    }
}
