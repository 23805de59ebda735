package nl.publicaties.catalog.page.query;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EditionRows extends JpaRepository<EditionRow, String> {

    List<EditionRow> findBySeriesIdAndPublishedTrue(String seriesId);
}
