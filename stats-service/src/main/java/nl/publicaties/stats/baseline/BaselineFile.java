package nl.publicaties.stats.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A baseline CSV: {@code document_id,downloads,title} rows, {@code #} comment lines, one of which must be
 * {@code # source: ...} — a figure without provenance is not imported. Identified by the SHA-256 of its
 * bytes, which makes a second import of the same file recognisable.
 */
public record BaselineFile(String name, String source, String sha256, List<Row> rows) {

    private static final String SOURCE_PREFIX = "# source:";
    private static final String HEADER = "document_id,downloads";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public record Row(UUID documentId, long downloads, String title) {
    }

    public static BaselineFile parse(String name, byte[] content) {
        String source = null;
        Map<UUID, Row> rows = new LinkedHashMap<>();
        boolean headerSeen = false;
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\\R");
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (line.regionMatches(true, 0, SOURCE_PREFIX, 0, SOURCE_PREFIX.length())) {
                    source = line.substring(SOURCE_PREFIX.length()).strip();
                }
                continue;
            }
            if (!headerSeen) {
                if (!line.startsWith(HEADER)) {
                    throw invalid(name, number, "expected header starting with '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            Row row = parseRow(name, number, line);
            if (rows.putIfAbsent(row.documentId(), row) != null) {
                throw invalid(name, number, "document " + row.documentId() + " listed twice");
            }
        }
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("baseline " + name + " has no '# source:' line: no provenance, no import");
        }
        return new BaselineFile(name, source, sha256(content), new ArrayList<>(rows.values()));
    }

    private static Row parseRow(String name, int number, String line) {
        String[] fields = line.split(",", 3);
        if (fields.length < 2) {
            throw invalid(name, number, "expected document_id,downloads[,title]");
        }
        String id = fields[0].strip();
        if (!UUID_TEXT.matcher(id).matches()) {
            throw invalid(name, number, "'" + id + "' is not a UUID");
        }
        long downloads;
        try {
            downloads = Long.parseLong(fields[1].strip());
        } catch (NumberFormatException e) {
            throw invalid(name, number, "'" + fields[1] + "' is not a whole number");
        }
        if (downloads < 0) {
            throw invalid(name, number, "downloads cannot be negative");
        }
        String title = fields.length == 3 ? unquote(fields[2].strip()) : null;
        return new Row(UUID.fromString(id), downloads, title);
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }

    private static IllegalArgumentException invalid(String name, int line, String problem) {
        return new IllegalArgumentException("baseline " + name + " line " + line + ": " + problem);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
