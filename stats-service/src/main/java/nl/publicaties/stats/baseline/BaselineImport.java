package nl.publicaties.stats.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import nl.publicaties.stats.baseline.config.BaselineProperties;
import nl.publicaties.stats.baseline.storage.BaselineStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/** Imports the configured baseline file at startup; a restart with the same file changes nothing. */
@Component
public class BaselineImport implements ApplicationRunner {

    private static final Log LOG = LogFactory.getLog(BaselineImport.class);

    private final BaselineProperties properties;
    private final BaselineStore store;
    private final ResourceLoader resources;

    public BaselineImport(BaselineProperties properties, BaselineStore store, ResourceLoader resources) {
        this.properties = properties;
        this.store = store;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            LOG.info("Baseline import disabled");
            return;
        }
        importFrom(properties.file());
    }

    /** @return true when the file was imported, false when it was the one imported last */
    public boolean importFrom(String location) {
        Resource resource = resources.getResource(location.contains(":") ? location : "file:" + location);
        BaselineFile file;
        try (InputStream in = resource.getInputStream()) {
            file = BaselineFile.parse(resource.getFilename(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + location, e);
        }
        boolean imported = store.importIfChanged(file);
        LOG.info((imported ? "Imported" : "Already imported") + " baseline " + file.name() + " (" + file.rows().size()
                + " documents, sha256 " + file.sha256() + ", source: " + file.source() + ")");
        return imported;
    }
}
