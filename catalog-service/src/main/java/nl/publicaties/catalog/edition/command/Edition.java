package nl.publicaties.catalog.edition.command;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.publicaties.catalog.RuleViolation;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An edition of a series (e.g. "Monitor 2022") and its documents. It keeps only what its decisions need:
 * which document ids it has seen, which are still public, which province each regional one covers, and
 * whether it is published. Titles, files and sizes live in the events.
 */
@Aggregate
public class Edition {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    @AggregateIdentifier
    private String editionId;
    private String seriesId;
    private boolean published;
    private int documentsAdded;
    private final Set<String> documentIds = new HashSet<>();
    private final Set<String> activeDocumentIds = new HashSet<>();
    private final Map<String, String> activeDocumentByRegion = new HashMap<>();
    private final Map<String, String> regionOfDocument = new HashMap<>();

    protected Edition() {
    }

    @CommandHandler
    public Edition(CreateEdition command) {
        if (command.seriesId() == null || command.seriesId().isBlank()) {
            throw new MissingSeries();
        }
        String label = Titles.require("edition", command.label());
        apply(new EditionCreated(command.editionId(), command.seriesId(), label, command.year(),
                command.introduction(), command.regionalIntroduction()));
    }

    @CommandHandler
    public void handle(AddDocument command) {
        String title = Titles.require("document", command.title());
        if (command.documentId() == null || command.documentId().isBlank()) {
            throw new InvalidFile("a document needs an id");
        }
        if (documentIds.contains(command.documentId())) {
            throw new DuplicateDocument(command.documentId(), editionId);
        }
        if (command.regionCode() != null && activeDocumentByRegion.containsKey(command.regionCode())) {
            throw new RegionAlreadyCovered(command.regionCode(), activeDocumentByRegion.get(command.regionCode()));
        }
        if (command.fileName() == null || !FILE_NAME.matcher(command.fileName()).matches()) {
            throw new InvalidFile("file name '" + command.fileName() + "' is not a plain file name");
        }
        if (command.sha256() == null || !SHA256_HEX.matcher(command.sha256()).matches()) {
            throw new InvalidFile("file hash must be a lowercase hex SHA-256");
        }
        if (command.sizeBytes() <= 0) {
            throw new InvalidFile("file size must be positive");
        }
        apply(new DocumentAdded(command.documentId(), editionId, seriesId, title, command.kind(),
                command.audience(), command.regionCode(), command.regionName(), command.language(),
                documentsAdded + 1, command.fileName(), command.mediaType(), command.sizeBytes(),
                command.sha256()));
    }

    @CommandHandler
    public void handle(PublishEdition command) {
        if (published) {
            throw new AlreadyPublished(editionId);
        }
        if (activeDocumentIds.isEmpty()) {
            throw new NothingToPublish(editionId);
        }
        apply(new EditionPublished(editionId, seriesId, command.publishedOn()));
    }

    @CommandHandler
    public void handle(WithdrawDocument command) {
        if (!documentIds.contains(command.documentId())) {
            throw new UnknownDocument(command.documentId(), editionId);
        }
        if (!activeDocumentIds.contains(command.documentId())) {
            throw new AlreadyWithdrawn(command.documentId());
        }
        apply(new DocumentWithdrawn(command.documentId(), editionId, command.reason()));
    }

    @EventSourcingHandler
    void on(EditionCreated event) {
        this.editionId = event.editionId();
        this.seriesId = event.seriesId();
    }

    @EventSourcingHandler
    void on(DocumentAdded event) {
        documentsAdded++;
        documentIds.add(event.documentId());
        activeDocumentIds.add(event.documentId());
        if (event.regionCode() != null) {
            activeDocumentByRegion.put(event.regionCode(), event.documentId());
            regionOfDocument.put(event.documentId(), event.regionCode());
        }
    }

    @EventSourcingHandler
    void on(EditionPublished event) {
        this.published = true;
    }

    @EventSourcingHandler
    void on(DocumentWithdrawn event) {
        activeDocumentIds.remove(event.documentId());
        String region = regionOfDocument.get(event.documentId());
        if (region != null) {
            activeDocumentByRegion.remove(region, event.documentId());
        }
    }

    public static final class MissingSeries extends RuleViolation {
        MissingSeries() {
            super("an edition belongs to a series: series id is required");
        }
    }

    public static final class DuplicateDocument extends RuleViolation {
        DuplicateDocument(String documentId, String editionId) {
            super("document " + documentId + " is already part of edition " + editionId);
        }
    }

    public static final class RegionAlreadyCovered extends RuleViolation {
        RegionAlreadyCovered(String regionCode, String documentId) {
            super("region " + regionCode + " already has document " + documentId + " in this edition");
        }
    }

    public static final class InvalidFile extends RuleViolation {
        InvalidFile(String message) {
            super(message);
        }
    }

    public static final class AlreadyPublished extends RuleViolation {
        AlreadyPublished(String editionId) {
            super("edition " + editionId + " is already published");
        }
    }

    public static final class NothingToPublish extends RuleViolation {
        NothingToPublish(String editionId) {
            super("edition " + editionId + " has no documents to publish");
        }
    }

    public static final class UnknownDocument extends RuleViolation {
        UnknownDocument(String documentId, String editionId) {
            super("document " + documentId + " is not part of edition " + editionId);
        }
    }

    public static final class AlreadyWithdrawn extends RuleViolation {
        AlreadyWithdrawn(String documentId) {
            super("document " + documentId + " is already withdrawn");
        }
    }
}
