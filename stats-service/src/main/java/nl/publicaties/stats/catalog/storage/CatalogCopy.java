package nl.publicaties.stats.catalog.storage;

import java.util.UUID;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentRetitled;
import nl.publicaties.contracts.catalog.EditionCreated;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.contracts.catalog.SeriesRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A read-only copy of what the catalog says about series, editions and documents, so that figures can be
 * grouped by edition, series, province and kind. Every write is an upsert: replaying catalog.events from the
 * start gives the same rows.
 */
@Repository
public class CatalogCopy {

    private final JdbcTemplate jdbc;

    public CatalogCopy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void on(SeriesRegistered e) {
        jdbc.update("""
                insert into catalog_series (series_id, slug, title) values (?, ?, ?)
                on conflict (series_id) do update set slug = excluded.slug, title = excluded.title
                """, UUID.fromString(e.seriesId()), e.slug(), e.title());
    }

    public void on(EditionCreated e) {
        jdbc.update("""
                insert into catalog_edition (edition_id, series_id, label, year) values (?, ?, ?, ?)
                on conflict (edition_id) do update set series_id = excluded.series_id, label = excluded.label,
                    year = excluded.year
                """, UUID.fromString(e.editionId()), UUID.fromString(e.seriesId()), e.label(), e.year());
    }

    public void on(EditionPublished e) {
        jdbc.update("""
                insert into catalog_edition (edition_id, series_id, published_on) values (?, ?, ?)
                on conflict (edition_id) do update set published_on = excluded.published_on
                """, UUID.fromString(e.editionId()), UUID.fromString(e.seriesId()), e.publishedOn());
    }

    public void on(DocumentAdded e) {
        jdbc.update("""
                insert into catalog_document (document_id, edition_id, series_id, title, kind, region_code, region_name,
                                              position, file_name)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (document_id) do update set edition_id = excluded.edition_id, series_id = excluded.series_id,
                    title = excluded.title, kind = excluded.kind, region_code = excluded.region_code,
                    region_name = excluded.region_name, position = excluded.position, file_name = excluded.file_name
                """, UUID.fromString(e.documentId()), UUID.fromString(e.editionId()), UUID.fromString(e.seriesId()),
                e.title(), e.kind(), e.regionCode(), e.regionName(), e.position(), e.fileName());
    }

    /** Figures and exports show a document under its current title. */
    public void on(DocumentRetitled e) {
        jdbc.update("update catalog_document set title = ? where document_id = ?", e.title(),
                UUID.fromString(e.documentId()));
    }
}
