package nl.publicaties.catalog.edition.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nl.publicaties.catalog.RuleViolation;
import nl.publicaties.catalog.Texts;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentFileReplaced;
import nl.publicaties.catalog.edition.event.DocumentRestored;
import nl.publicaties.catalog.edition.event.DocumentRetitled;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.DocumentsReordered;
import nl.publicaties.catalog.edition.event.EditionArchived;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An edition of a series (e.g. "Monitor 2022") and its documents. It keeps only what its decisions need:
 * which document ids it has seen, which are still public, which province each regional one covers, each
 * document's current title and file, and whether it is published or archived. Everything else lives in the
 * events. Its fields are serialized as a snapshot once its stream is long (see {@code config/AxonConfig}).
 */
@Aggregate(snapshotTriggerDefinition = "editionSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Edition {

    /** Command metadata key: the aggregate version the sender last saw (its {@code If-Match}). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** CBS codes of the twelve provinces: PV20 (Groningen) to PV31 (Limburg). */
    private static final Pattern PROVINCE_CODE = Pattern.compile("PV(2[0-9]|3[01])");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9 -]{0,49}");
    private static final int MAX_REASON = 500;
    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2100;

    @AggregateIdentifier
    private String editionId;
    private String seriesId;
    private LocalDate plannedPublication;
    private boolean published;
    private boolean archived;
    private int maxPosition;
    private Set<String> documentIds = new HashSet<>();
    private Set<String> activeDocumentIds = new HashSet<>();
    private Map<String, String> activeDocumentByRegion = new HashMap<>();
    private Map<String, String> regionOfDocument = new HashMap<>();
    private Map<String, String> titleOf = new HashMap<>();
    private Map<String, String> sha256Of = new HashMap<>();
    private Map<String, String> fileNameOf = new HashMap<>();
    private Map<String, Integer> fileRevisionOf = new HashMap<>();

    protected Edition() {
    }

    @CommandHandler
    public Edition(CreateEdition command) {
        if (command.seriesId() == null || command.seriesId().isBlank()) {
            throw new MissingSeries();
        }
        String label = Titles.require("edition", command.label());
        if (command.year() < FIRST_YEAR || command.year() > LAST_YEAR) {
            throw new InvalidYear(command.year());
        }
        Texts.optional("the edition's introduction", command.introduction(), Texts.LONG);
        Texts.optional("the introduction to the regional documents", command.regionalIntroduction(), Texts.LONG);
        apply(new EditionCreated(command.editionId(), command.seriesId(), label, command.year(),
                command.introduction(), command.regionalIntroduction(), command.publicationDate()));
    }

    /**
     * Optimistic concurrency: a command that says which version its sender saw is rejected when the edition
     * changed since. Checked here, under the aggregate's lock, so two writers cannot both pass.
     */
    @CommandHandlerInterceptor
    Object rejectStaleWrites(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        if (expected != null) {
            Long actual = AggregateLifecycle.getVersion();
            if (actual == null || actual != Long.parseLong(expected.toString())) {
                throw new StaleVersion(editionId, expected.toString(), actual);
            }
        }
        return chain.proceed();
    }

    @CommandHandler
    public void handle(AddDocument command) {
        if (archived) {
            throw new EditionIsArchived(editionId);
        }
        String title = Titles.require("document", command.title());
        if (command.documentId() == null || command.documentId().isBlank()) {
            throw new InvalidFile("a document needs an id");
        }
        if (documentIds.contains(command.documentId())) {
            throw new DuplicateDocument(command.documentId(), editionId);
        }
        if (command.kind() == null || !KIND.matcher(command.kind()).matches()) {
            throw new InvalidDocument("kind '" + command.kind() + "' must be a lowercase word such as rapport, "
                    + "samenvatting, factsheet or bijlage");
        }
        Texts.optional("audience", command.audience(), Texts.SHORT);
        Texts.optional("region name", command.regionName(), Texts.SHORT);
        if (command.language() != null && !LANGUAGE.matcher(command.language()).matches()) {
            throw new InvalidDocument("language '" + command.language() + "' must be a two-letter ISO 639-1 code");
        }
        if (command.regionCode() != null) {
            if (!PROVINCE_CODE.matcher(command.regionCode()).matches()) {
                throw new InvalidDocument("region code '" + command.regionCode()
                        + "' is not a CBS province code (PV20 to PV31)");
            }
            if (command.regionName() == null || command.regionName().isBlank()) {
                throw new InvalidDocument("region " + command.regionCode() + " needs its name");
            }
            if (activeDocumentByRegion.containsKey(command.regionCode())) {
                throw new RegionAlreadyCovered(command.regionCode(), activeDocumentByRegion.get(command.regionCode()));
            }
        }
        if (!FileNames.isValid(command.fileName())) {
            throw new InvalidFile("file name '" + command.fileName() + "' is not a plain file name: letters, digits,"
                    + " spaces and . _ , ( ) [ ] ' & + - – —, starting with a letter or digit, without '..'");
        }
        requireFile(command.sha256(), command.sizeBytes());
        apply(new DocumentAdded(command.documentId(), editionId, seriesId, title, command.kind(),
                command.audience(), command.regionCode(), command.regionName(), command.language(),
                maxPosition + 1, command.fileName(), command.mediaType(), command.sizeBytes(),
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
        apply(new EditionPublished(editionId, seriesId,
                command.publishedOn() != null ? command.publishedOn() : plannedPublication));
    }

    @CommandHandler
    public void handle(ArchiveEdition command) {
        if (!published) {
            throw new NotPublished(editionId);
        }
        if (archived) {
            throw new AlreadyArchived(editionId);
        }
        apply(new EditionArchived(editionId, seriesId));
    }

    @CommandHandler
    public void handle(WithdrawDocument command) {
        requireKnown(command.documentId());
        if (!activeDocumentIds.contains(command.documentId())) {
            throw new AlreadyWithdrawn(command.documentId());
        }
        if (command.reason() == null || command.reason().isBlank() || command.reason().length() > MAX_REASON) {
            throw new InvalidReason();
        }
        Texts.optional("the reason", command.reason(), MAX_REASON);
        apply(new DocumentWithdrawn(command.documentId(), editionId, command.reason()));
    }

    @CommandHandler
    public void handle(RestoreDocument command) {
        requireKnown(command.documentId());
        if (activeDocumentIds.contains(command.documentId())) {
            throw new NotWithdrawn(command.documentId());
        }
        String region = regionOfDocument.get(command.documentId());
        if (region != null && activeDocumentByRegion.containsKey(region)) {
            throw new RegionAlreadyCovered(region, activeDocumentByRegion.get(region));
        }
        apply(new DocumentRestored(command.documentId(), editionId, seriesId, maxPosition + 1));
    }

    /** Setting the title it already has changes nothing and records nothing. */
    @CommandHandler
    public void handle(RetitleDocument command) {
        requireKnown(command.documentId());
        String title = Titles.require("document", command.title());
        String previous = titleOf.get(command.documentId());
        if (!title.equals(previous)) {
            apply(new DocumentRetitled(command.documentId(), editionId, title, previous));
        }
    }

    @CommandHandler
    public void handle(ReorderDocuments command) {
        List<String> order = command.documentIds();
        if (order == null || order.size() != activeDocumentIds.size() || !activeDocumentIds.containsAll(order)
                || Set.copyOf(order).size() != order.size()) {
            throw new InvalidOrder(editionId, activeDocumentIds.size());
        }
        apply(new DocumentsReordered(editionId, seriesId, order));
    }

    @CommandHandler
    public void handle(ReplaceDocumentFile command) {
        requireKnown(command.documentId());
        if (!activeDocumentIds.contains(command.documentId())) {
            throw new DocumentIsWithdrawn(command.documentId());
        }
        requireFile(command.sha256(), command.sizeBytes());
        String previous = sha256Of.get(command.documentId());
        if (Objects.equals(previous, command.sha256())) {
            throw new SameFile(command.documentId());
        }
        apply(new DocumentFileReplaced(command.documentId(), editionId, seriesId,
                fileRevisionOf.getOrDefault(command.documentId(), 1) + 1, fileNameOf.get(command.documentId()),
                command.mediaType(), command.sizeBytes(), command.sha256(), previous));
    }

    private void requireKnown(String documentId) {
        if (!documentIds.contains(documentId)) {
            throw new UnknownDocument(documentId, editionId);
        }
    }

    private static void requireFile(String sha256, long sizeBytes) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new InvalidFile("file hash must be a lowercase hex SHA-256");
        }
        if (sizeBytes <= 0) {
            throw new InvalidFile("file size must be positive");
        }
    }

    @EventSourcingHandler
    void on(EditionCreated event) {
        this.editionId = event.editionId();
        this.seriesId = event.seriesId();
        this.plannedPublication = event.publicationDate();
    }

    @EventSourcingHandler
    void on(DocumentAdded event) {
        maxPosition = Math.max(maxPosition, event.position());
        documentIds.add(event.documentId());
        activeDocumentIds.add(event.documentId());
        titleOf.put(event.documentId(), event.title());
        sha256Of.put(event.documentId(), event.sha256());
        fileNameOf.put(event.documentId(), event.fileName());
        fileRevisionOf.put(event.documentId(), 1);
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
    void on(EditionArchived event) {
        this.archived = true;
    }

    @EventSourcingHandler
    void on(DocumentWithdrawn event) {
        activeDocumentIds.remove(event.documentId());
        String region = regionOfDocument.get(event.documentId());
        if (region != null) {
            activeDocumentByRegion.remove(region, event.documentId());
        }
    }

    @EventSourcingHandler
    void on(DocumentRestored event) {
        maxPosition = Math.max(maxPosition, event.position());
        activeDocumentIds.add(event.documentId());
        String region = regionOfDocument.get(event.documentId());
        if (region != null) {
            activeDocumentByRegion.put(region, event.documentId());
        }
    }

    @EventSourcingHandler
    void on(DocumentRetitled event) {
        titleOf.put(event.documentId(), event.title());
    }

    @EventSourcingHandler
    void on(DocumentsReordered event) {
        maxPosition = Math.max(maxPosition, event.documentIds().size());
    }

    @EventSourcingHandler
    void on(DocumentFileReplaced event) {
        sha256Of.put(event.documentId(), event.sha256());
        fileRevisionOf.put(event.documentId(), event.fileRevision());
    }

    public static final class MissingSeries extends RuleViolation {
        MissingSeries() {
            super("an edition belongs to a series: series id is required");
        }
    }

    public static final class InvalidYear extends RuleViolation {
        InvalidYear(int year) {
            super("year " + year + " is not between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
    }

    public static final class DuplicateDocument extends RuleViolation.StateConflict {
        DuplicateDocument(String documentId, String editionId) {
            super("document " + documentId + " is already part of edition " + editionId);
        }
    }

    public static final class RegionAlreadyCovered extends RuleViolation.StateConflict {
        RegionAlreadyCovered(String regionCode, String documentId) {
            super("region " + regionCode + " already has document " + documentId + " in this edition");
        }
    }

    public static final class InvalidFile extends RuleViolation {
        InvalidFile(String message) {
            super(message);
        }
    }

    public static final class InvalidDocument extends RuleViolation {
        InvalidDocument(String message) {
            super(message);
        }
    }

    public static final class AlreadyPublished extends RuleViolation.StateConflict {
        AlreadyPublished(String editionId) {
            super("edition " + editionId + " is already published");
        }
    }

    public static final class NothingToPublish extends RuleViolation.StateConflict {
        NothingToPublish(String editionId) {
            super("edition " + editionId + " has no documents to publish");
        }
    }

    public static final class NotPublished extends RuleViolation.StateConflict {
        NotPublished(String editionId) {
            super("edition " + editionId + " is not published, so it cannot be archived");
        }
    }

    public static final class AlreadyArchived extends RuleViolation.StateConflict {
        AlreadyArchived(String editionId) {
            super("edition " + editionId + " is already archived");
        }
    }

    public static final class EditionIsArchived extends RuleViolation.StateConflict {
        EditionIsArchived(String editionId) {
            super("edition " + editionId + " is archived: no documents can be added");
        }
    }

    public static final class InvalidReason extends RuleViolation {
        InvalidReason() {
            super("a withdrawal needs a reason of at most " + MAX_REASON + " characters (it is kept for audit)");
        }
    }

    public static final class UnknownDocument extends RuleViolation {
        UnknownDocument(String documentId, String editionId) {
            super("document " + documentId + " is not part of edition " + editionId);
        }
    }

    public static final class AlreadyWithdrawn extends RuleViolation.StateConflict {
        AlreadyWithdrawn(String documentId) {
            super("document " + documentId + " is already withdrawn");
        }
    }

    public static final class NotWithdrawn extends RuleViolation.StateConflict {
        NotWithdrawn(String documentId) {
            super("document " + documentId + " is not withdrawn, so there is nothing to restore");
        }
    }

    public static final class DocumentIsWithdrawn extends RuleViolation.StateConflict {
        DocumentIsWithdrawn(String documentId) {
            super("document " + documentId + " is withdrawn: restore it before replacing its file");
        }
    }

    public static final class SameFile extends RuleViolation.StateConflict {
        SameFile(String documentId) {
            super("document " + documentId + " already has exactly this file");
        }
    }

    public static final class InvalidOrder extends RuleViolation {
        InvalidOrder(String editionId, int expected) {
            super("the new order must list each of the " + expected + " public documents of edition " + editionId
                    + " exactly once");
        }
    }

    /** Not a {@link RuleViolation}: the API answers it with 412, not 422. */
    public static final class StaleVersion extends RuntimeException {
        private final Long actual;

        StaleVersion(String editionId, String expected, Long actual) {
            super("edition " + editionId + " is at version " + actual + ", not " + expected
                    + ": it changed since you read it", null, false, false);
            this.actual = actual;
        }

        public Long actual() {
            return actual;
        }
    }
}
