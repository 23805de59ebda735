package nl.publicaties.stats.baseline.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nl.publicaties.stats.baseline.BaselineFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class BaselineStore {

    // any constant; serialises concurrent importers (e.g. two instances starting at once)
    private static final long IMPORT_LOCK = 0x5_7A75_BA5EL;
    private static final int ROWS_PER_STATEMENT = 5_000;

    private final JdbcClient jdbc;

    public BaselineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Imports the file unless it is the one imported last; rows of documents it lists replace earlier
     * baseline rows of those documents, others stay.
     *
     * @return true when something was imported
     */
    @Transactional
    public boolean importIfChanged(BaselineFile file) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(IMPORT_LOCK).query((rs, n) -> 1).list();
        Optional<String> latest = jdbc.sql("select file_sha256 from baseline_import order by id desc limit 1")
                .query(String.class)
                .optional();
        if (latest.filter(file.sha256()::equals).isPresent()) {
            return false;
        }
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        long importId = jdbc.sql("""
                        insert into baseline_import (file_sha256, file_name, source, documents, imported_at)
                        values (?, ?, ?, ?, ?) returning id
                        """)
                .params(file.sha256(), file.name(), file.source(), file.rows().size(), now)
                .query(Long.class)
                .single();
        // a statement per chunk of rows (arrays bound as parameters), not per row: 200 000 rows took 47 s one by one
        List<BaselineFile.Row> rows = file.rows();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<BaselineFile.Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            jdbc.sql("""
                            insert into baseline_count
                                (document_id, downloads, title, source, file_sha256, import_id, imported_at)
                            select r.document_id, r.downloads, r.title, :source, :sha256, :importId, :now
                            from unnest(cast(:documents as uuid[]), cast(:downloads as bigint[]), cast(:titles as text[]))
                                 as r(document_id, downloads, title)
                            on conflict (document_id) do update set
                                downloads = excluded.downloads, title = excluded.title, source = excluded.source,
                                file_sha256 = excluded.file_sha256, import_id = excluded.import_id,
                                imported_at = excluded.imported_at
                            """)
                    .param("source", file.source())
                    .param("sha256", file.sha256())
                    .param("importId", importId)
                    .param("now", now)
                    .param("documents", chunk.stream().map(row -> row.documentId().toString()).toArray(String[]::new))
                    .param("downloads", chunk.stream().map(BaselineFile.Row::downloads).toArray(Long[]::new))
                    .param("titles", chunk.stream().map(BaselineFile.Row::title).toArray(String[]::new))
                    .update();
        }
        return true;
    }

    public long importCount() {
        return jdbc.sql("select count(*) from baseline_import").query(Long.class).single();
    }

    public List<String> importedSha256s() {
        return jdbc.sql("select file_sha256 from baseline_import order by id").query(String.class).list();
    }
}
