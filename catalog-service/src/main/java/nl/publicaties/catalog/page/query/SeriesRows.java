package nl.publicaties.catalog.page.query;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SeriesRows extends JpaRepository<SeriesRow, String> {

    Optional<SeriesRow> findBySlug(String slug);

    List<SeriesRow> findAllByOrderByTitleAsc();
}
