package nl.publicaties.catalog.series.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import nl.publicaties.catalog.admin.web.AdminProblems;
import nl.publicaties.catalog.admin.web.EditorCommands;
import nl.publicaties.catalog.series.command.RegisterSeries;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import nl.publicaties.catalog.series.query.SeriesView;
import nl.publicaties.catalog.series.query.SeriesViews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/admin/series", produces = MediaType.APPLICATION_JSON_VALUE)
public class SeriesAdminController {

    private final EditorCommands commands;
    private final SeriesViews views;

    public SeriesAdminController(EditorCommands commands, SeriesViews views) {
        this.commands = commands;
        this.views = views;
    }

    /** The series id is chosen here; the slug must be free (409 otherwise). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SeriesView> register(@RequestBody RegisterSeriesRequest request, Principal editor) {
        String seriesId = UUID.randomUUID().toString();
        commands.send(new RegisterSeries(seriesId, request.slug(), request.title(), request.introduction(),
                request.sections(), request.commissionedBy(), request.researchedBy()), editor, null);
        SeriesView view = require(seriesId);
        return ResponseEntity.created(URI.create("/api/admin/series/" + seriesId))
                .eTag(EditorCommands.etag(view.version()))
                .body(view);
    }

    @GetMapping("/{seriesId}")
    public ResponseEntity<SeriesView> get(@PathVariable String seriesId) {
        SeriesView view = require(seriesId);
        return ResponseEntity.ok().eTag(EditorCommands.etag(view.version())).body(view);
    }

    private SeriesView require(String seriesId) {
        return views.find(seriesId).orElseThrow(() -> new AdminProblems.NotFound("There is no series " + seriesId + "."));
    }

    public record RegisterSeriesRequest(String slug, String title, String introduction,
                                        List<SeriesRegistered.Section> sections, String commissionedBy,
                                        String researchedBy) {
    }
}
