package nl.publicaties.catalog.edition.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.publicaties.catalog.admin.web.AdminProblems;
import nl.publicaties.catalog.admin.web.EditorCommands;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.ArchiveEdition;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.FileNames;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.command.ReorderDocuments;
import nl.publicaties.catalog.edition.command.ReplaceDocumentFile;
import nl.publicaties.catalog.edition.command.RestoreDocument;
import nl.publicaties.catalog.edition.command.RetitleDocument;
import nl.publicaties.catalog.edition.command.WithdrawDocument;
import nl.publicaties.catalog.edition.query.EditionView;
import nl.publicaties.catalog.edition.query.EditionViews;
import nl.publicaties.catalog.edition.storage.MediaTypes;
import nl.publicaties.catalog.edition.storage.Uploads;
import nl.publicaties.catalog.series.query.SeriesViews;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Editions and their documents. Every write answers with the edition as it now stands and its version as
 * {@code ETag}; send that back as {@code If-Match} to have a write refused (412) when someone else changed
 * the edition in between. Without {@code If-Match} the write is not checked against a version.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class EditionAdminController {

    private final EditorCommands commands;
    private final EditionViews editions;
    private final SeriesViews series;
    private final Uploads uploads;

    public EditionAdminController(EditorCommands commands, EditionViews editions, SeriesViews series,
                                  Uploads uploads) {
        this.commands = commands;
        this.editions = editions;
        this.series = series;
        this.uploads = uploads;
    }

    @PostMapping(path = "/series/{seriesId}/editions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EditionView> create(@PathVariable String seriesId,
                                              @RequestBody CreateEditionRequest request, Principal editor) {
        series.find(seriesId).orElseThrow(() -> new AdminProblems.NotFound("There is no series " + seriesId + "."));
        String editionId = UUID.randomUUID().toString();
        commands.send(new CreateEdition(editionId, seriesId, request.label(),
                request.year() == null ? 0 : request.year(), request.introduction(),
                request.regionalIntroduction(), request.publicationDate()), editor, null);
        EditionView view = require(editionId);
        return ResponseEntity.created(URI.create("/api/admin/editions/" + editionId))
                .eTag(EditorCommands.etag(view.version())).body(view);
    }

    @GetMapping("/editions/{editionId}")
    public ResponseEntity<EditionView> get(@PathVariable String editionId) {
        return answer(require(editionId));
    }

    @GetMapping("/editions/{editionId}/documents/{documentId}")
    public ResponseEntity<EditionView.DocumentView> document(@PathVariable String editionId,
                                                             @PathVariable String documentId) {
        EditionView view = require(editionId);
        EditionView.DocumentView document = view.documents().stream()
                .filter(d -> d.documentId().equals(documentId)).findFirst()
                .orElseThrow(() -> new AdminProblems.NotFound("Edition " + editionId + " has no document "
                        + documentId + "."));
        return ResponseEntity.ok().eTag(EditorCommands.etag(view.version())).body(document);
    }

    /**
     * Multipart: part {@code file} (the bytes; their type is detected, the part's Content-Type is ignored)
     * and form fields for the document. {@code fileName} defaults to the uploaded file's name.
     */
    @PostMapping(path = "/editions/{editionId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<EditionView> addDocument(
            @PathVariable String editionId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String audience,
            @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String regionName,
            @RequestParam(required = false, defaultValue = "nl") String language,
            @RequestParam(required = false) String fileName,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Principal editor) throws IOException {
        require(editionId);
        Uploads.StoredFile stored = uploads.store(file);
        String documentId = UUID.randomUUID().toString();
        String name = fileName == null || fileName.isBlank()
                ? fileNameFor(stored.originalFileName(), title, stored.mediaType())
                : Normalizer.normalize(fileName.strip(), Normalizer.Form.NFC); // macOS sends decomposed accents
        commands.send(new AddDocument(editionId, documentId, title, blankToNull(kind), blankToNull(audience),
                blankToNull(regionCode), blankToNull(regionName), blankToNull(language), name,
                stored.mediaType(), stored.sizeBytes(), stored.sha256()), editor, ifMatch);
        EditionView view = require(editionId);
        return ResponseEntity.created(URI.create("/api/admin/editions/" + editionId + "/documents/" + documentId))
                .eTag(EditorCommands.etag(view.version())).body(view);
    }

    /** A new revision of the document's file; the old blob stays, the download path stays. */
    @PutMapping(path = "/editions/{editionId}/documents/{documentId}/file",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<EditionView> replaceFile(
            @PathVariable String editionId, @PathVariable String documentId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Principal editor) throws IOException {
        require(editionId);
        Uploads.StoredFile stored = uploads.store(file);
        commands.send(new ReplaceDocumentFile(editionId, documentId, stored.mediaType(), stored.sizeBytes(),
                stored.sha256()), editor, ifMatch);
        return answer(require(editionId));
    }

    @PostMapping("/editions/{editionId}/publish")
    public ResponseEntity<EditionView> publish(@PathVariable String editionId,
                                               @RequestBody(required = false) PublishRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               Principal editor) {
        require(editionId);
        commands.send(new PublishEdition(editionId, request == null ? null : request.publishedOn()), editor,
                ifMatch);
        return answer(require(editionId));
    }

    @PostMapping("/editions/{editionId}/archive")
    public ResponseEntity<EditionView> archive(@PathVariable String editionId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               Principal editor) {
        require(editionId);
        commands.send(new ArchiveEdition(editionId), editor, ifMatch);
        return answer(require(editionId));
    }

    @PostMapping(path = "/editions/{editionId}/documents/{documentId}/withdraw",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EditionView> withdraw(@PathVariable String editionId, @PathVariable String documentId,
                                                @RequestBody WithdrawRequest request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                String ifMatch,
                                                Principal editor) {
        require(editionId);
        commands.send(new WithdrawDocument(editionId, documentId, request.reason()), editor, ifMatch);
        return answer(require(editionId));
    }

    @PostMapping("/editions/{editionId}/documents/{documentId}/restore")
    public ResponseEntity<EditionView> restore(@PathVariable String editionId, @PathVariable String documentId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               Principal editor) {
        require(editionId);
        commands.send(new RestoreDocument(editionId, documentId), editor, ifMatch);
        return answer(require(editionId));
    }

    @PutMapping(path = "/editions/{editionId}/documents/{documentId}/title",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EditionView> retitle(@PathVariable String editionId, @PathVariable String documentId,
                                               @RequestBody RetitleRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               Principal editor) {
        require(editionId);
        commands.send(new RetitleDocument(editionId, documentId, request.title()), editor, ifMatch);
        return answer(require(editionId));
    }

    @PutMapping(path = "/editions/{editionId}/document-order", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EditionView> reorder(@PathVariable String editionId,
                                               @RequestBody ReorderRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               Principal editor) {
        require(editionId);
        commands.send(new ReorderDocuments(editionId, request.documentIds()), editor, ifMatch);
        return answer(require(editionId));
    }

    private EditionView require(String editionId) {
        return editions.find(editionId)
                .orElseThrow(() -> new AdminProblems.NotFound("There is no edition " + editionId + "."));
    }

    private static ResponseEntity<EditionView> answer(EditionView view) {
        return ResponseEntity.ok().eTag(EditorCommands.etag(view.version())).body(view);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A plain file name from what the client called the file, else from the title; the aggregate checks it. */
    static String fileNameFor(String original, String title, String mediaType) {
        String base = original != null && !original.isBlank() ? original : title == null ? "" : title;
        base = base.replace('\\', '/');
        base = Normalizer.normalize(base.substring(base.lastIndexOf('/') + 1), Normalizer.Form.NFC);
        String extension = MediaTypes.PDF.equals(mediaType) ? ".pdf" : "";
        if (!extension.isEmpty() && base.toLowerCase(Locale.ROOT).endsWith(extension)) {
            base = base.substring(0, base.length() - extension.length());
        }
        // the name as the editor gave it (accents, capitals, spaces, dashes), minus what a file name must not hold
        String cleaned = FileNames.UNSAFE.matcher(base).replaceAll(" ").replaceAll("\\s+", " ")
                .replaceAll("\\.{2,}", ".").replaceAll("^[^\\p{L}\\p{N}]+", "").replaceAll("[ .]+$", "");
        if (cleaned.codePointCount(0, cleaned.length()) > 190) {
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, 190)).replaceAll("[ .]+$", "");
        }
        if (cleaned.isEmpty()) {
            cleaned = "document";
        }
        return cleaned + extension;
    }

    /** {@code publicationDate}: the planned date, used when the edition is published without one. */
    public record CreateEditionRequest(String label, Integer year, String introduction,
                                       String regionalIntroduction, LocalDate publicationDate) {
    }

    public record PublishRequest(LocalDate publishedOn) {
    }

    public record WithdrawRequest(String reason) {
    }

    public record RetitleRequest(String title) {
    }

    public record ReorderRequest(List<String> documentIds) {
    }
}
