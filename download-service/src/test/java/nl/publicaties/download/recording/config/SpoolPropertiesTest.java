package nl.publicaties.download.recording.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** The spool's settings as application.yml binds them; settings that would quietly stop it are refused. */
class SpoolPropertiesTest {

    @Test
    void givenDownloadSpoolDirLeftEmpty_thenTheDirectoryIsNamedAfterTheInstance() {
        assertEquals(Path.of("data", "spool", "download-a1"), bind("").dirFor("download-a1"));
    }

    @Test
    void givenDownloadSpoolDir_thenThatDirectory() {
        assertEquals(Path.of("/var/lib/publicaties/spool/x"), bind("/var/lib/publicaties/spool/x").dirFor("download-a1"));
    }

    @Test
    void givenAForwardBatchOfNothing_thenRefusedAtStart_forItWouldNeverForward() {
        assertThatThrownBy(() -> bind(Map.of("download.spool.forward-batch", "0")))
                .hasRootCauseMessage("download.spool.forward-batch must be at least 1, not 0");
    }

    @Test
    void givenAReadinessRatioBelowTheWarningRatio_thenRefusedAtStart_forTheWarningWouldNeverComeFirst() {
        assertThatThrownBy(() -> bind(Map.of("download.spool.readiness-ratio", "0.5")))
                .rootCause().hasMessageContaining("0 < warning-ratio < readiness-ratio <= 1");
        assertThatThrownBy(() -> bind(Map.of("download.spool.warning-ratio", "1.2",
                "download.spool.readiness-ratio", "1.5"))).rootCause().hasMessageContaining("readiness-ratio");
    }

    @Test
    void givenANegativeDuration_thenRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("download.spool.forward-interval", "-1s")))
                .rootCause().hasMessageContaining("cannot be negative");
    }

    private static SpoolProperties bind(Map<String, String> properties) {
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)),
                null, ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("download.spool", SpoolProperties.class);
    }

    private static SpoolProperties bind(String dir) {
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of("download.spool.dir", dir))),
                null, ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("download.spool", SpoolProperties.class);
    }
}
