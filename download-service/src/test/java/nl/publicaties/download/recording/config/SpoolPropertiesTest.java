package nl.publicaties.download.recording.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** The spool directory as application.yml binds it: {@code dir: ${DOWNLOAD_SPOOL_DIR:}}. */
class SpoolPropertiesTest {

    @Test
    void givenDownloadSpoolDirLeftEmpty_thenTheDirectoryIsNamedAfterTheInstance() {
        assertEquals(Path.of("data", "spool", "download-a1"), bind("").dirFor("download-a1"));
    }

    @Test
    void givenDownloadSpoolDir_thenThatDirectory() {
        assertEquals(Path.of("/var/lib/publicaties/spool/x"), bind("/var/lib/publicaties/spool/x").dirFor("download-a1"));
    }

    private static SpoolProperties bind(String dir) {
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of("download.spool.dir", dir))),
                null, ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("download.spool", SpoolProperties.class);
    }
}
