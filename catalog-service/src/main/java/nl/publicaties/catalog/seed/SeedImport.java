package nl.publicaties.catalog.seed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.catalog.admin.web.EditorCommands;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.EditionPublished;
import nl.publicaties.catalog.series.command.RegisterSeries;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the seed manifest into the catalog at startup by sending the same commands an editor would, so
 * the seed lives in the event store as events. Each step first asks the event store whether it already
 * happened: a restart (or a crash halfway) re-imports nothing and continues where it stopped.
 */
@Component
@ConditionalOnBooleanProperty(name = "catalog.seed.enabled", matchIfMissing = true)
public class SeedImport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedImport.class);
    private static final long MAX_FILE_BYTES = 64L << 20;
    static final String ACTOR = "seed-import";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final BlobStore blobs;
    private final ResourceLoader resources;
    private final JsonMapper json;
    private final String manifestLocation;

    public SeedImport(CommandGateway commands, EventStore eventStore, BlobStore blobs, ResourceLoader resources,
                      JsonMapper json, @Value("${catalog.seed.manifest}") String manifestLocation) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.blobs = blobs;
        this.resources = resources;
        this.json = json;
        this.manifestLocation = manifestLocation;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Resource resource = resources.getResource(manifestLocation);
        SeedManifest manifest;
        try (InputStream in = resource.getInputStream()) {
            manifest = json.readValue(in, SeedManifest.class);
        }
        for (SeedManifest.Series series : manifest.series()) {
            importSeries(series);
        }
    }

    private void importSeries(SeedManifest.Series series) throws IOException {
        int sent = 0;
        if (eventStore.lastSequenceNumberFor(series.id()).isEmpty()) {
            List<SeriesRegistered.Section> sections = series.sections() == null ? List.of()
                    : series.sections().stream().map(s -> new SeriesRegistered.Section(s.title(), s.body())).toList();
            send(new RegisterSeries(series.id(), series.slug(), series.title(),
                    series.introduction(), sections, series.commissionedBy(), series.researchedBy()));
            sent++;
        }
        for (SeedManifest.Edition edition : series.editions()) {
            sent += importEdition(series, edition);
        }
        if (sent == 0) {
            log.info("Seed series '{}' is already in the catalog", series.slug());
        } else {
            log.info("Seed series '{}' imported ({} commands)", series.slug(), sent);
        }
    }

    private int importEdition(SeedManifest.Series series, SeedManifest.Edition edition) throws IOException {
        int sent = 0;
        boolean exists = eventStore.lastSequenceNumberFor(edition.id()).isPresent();
        Set<String> added = new HashSet<>();
        boolean published = false;
        if (exists) {
            for (DomainEventMessage<?> event : eventStore.readEvents(edition.id(), 0).asStream().toList()) {
                if (event.getPayload() instanceof DocumentAdded documentAdded) {
                    added.add(documentAdded.documentId());
                } else if (event.getPayload() instanceof EditionPublished) {
                    published = true;
                }
            }
        } else {
            send(new CreateEdition(edition.id(), series.id(), edition.label(), edition.year(),
                    edition.introduction(), edition.regionalIntroduction(), null));
            sent++;
        }
        for (SeedManifest.Document document : edition.documents()) {
            if (!added.contains(document.id())) {
                send(addDocument(series, edition, document));
                sent++;
            }
        }
        if (!published) {
            send(new PublishEdition(edition.id(), edition.publishedOn()));
            sent++;
        }
        return sent;
    }

    /** Recorded as the actor of the seed's events in the audit trail. */
    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(EditorCommands.ACTOR, ACTOR)));
    }

    private AddDocument addDocument(SeedManifest.Series series, SeedManifest.Edition edition,
                                    SeedManifest.Document document) throws IOException {
        if (document.file() == null || !document.file().generate()) {
            throw new IllegalStateException("seed document " + document.id() + " has no file to generate; "
                    + "only generated stand-in files are supported");
        }
        byte[] pdf = StandInPdf.generate(document.id(), document.title(),
                series.title() + " \u2013 " + edition.label(), document.file().sizeBytes());
        BlobStore.StoredBlob blob = blobs.put(new ByteArrayInputStream(pdf), MAX_FILE_BYTES);
        return new AddDocument(edition.id(), document.id(), document.title(), document.kind(),
                document.audience(), document.regionCode(), document.regionName(), document.language(),
                document.fileName(), mediaType(document.fileName()), blob.sizeBytes(), blob.sha256());
    }

    private static String mediaType(String fileName) {
        return fileName.toLowerCase().endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
    }
}
