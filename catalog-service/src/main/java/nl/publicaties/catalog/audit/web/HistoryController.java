package nl.publicaties.catalog.audit.web;

import java.util.List;
import nl.publicaties.catalog.admin.web.AdminProblems;
import nl.publicaties.catalog.audit.query.History;
import nl.publicaties.catalog.audit.query.HistoryEntry;
import nl.publicaties.catalog.edition.command.Edition;
import nl.publicaties.catalog.series.command.Series;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who did what, when: read by editors and auditors. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {

    private final History history;

    public HistoryController(History history) {
        this.history = history;
    }

    @GetMapping("/series/{seriesId}/history")
    public List<HistoryEntry> series(@PathVariable String seriesId) {
        return history.of(Series.class.getSimpleName(), seriesId)
                .orElseThrow(() -> new AdminProblems.NotFound("There is no series " + seriesId + "."));
    }

    @GetMapping("/editions/{editionId}/history")
    public List<HistoryEntry> edition(@PathVariable String editionId) {
        return history.of(Edition.class.getSimpleName(), editionId)
                .orElseThrow(() -> new AdminProblems.NotFound("There is no edition " + editionId + "."));
    }

    @GetMapping("/editions/{editionId}/documents/{documentId}/history")
    public List<HistoryEntry> document(@PathVariable String editionId, @PathVariable String documentId) {
        return history.ofDocument(Edition.class.getSimpleName(), editionId, documentId)
                .orElseThrow(() -> new AdminProblems.NotFound("Edition " + editionId + " has no document "
                        + documentId + "."));
    }
}
