package nl.publicaties.gateway.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.publicaties.contracts.counts.DocumentCounts;

/**
 * The stats service's answers for the seed, from a copy of its baseline CSV
 * (stats-service/src/main/resources/baseline/monitor-integriteit-en-veiligheid.csv): the published counts
 * (366, 337, ...) as baseline; ids the baseline does not know (the provincial factsheets) answer zeros.
 */
public final class BaselineCounts {

    public static final String POLICY_VERSION = "2026-1";
    public static final Instant AS_OF = Instant.parse("2026-11-28T04:10:00Z");

    private static final Map<String, Long> BASELINE = read();

    private BaselineCounts() {
    }

    public static long baselineOf(String documentId) {
        return BASELINE.getOrDefault(documentId, 0L);
    }

    /** The batch answer for these ids, in the order asked, with {@code counted} extra downloads each. */
    public static DocumentCounts answer(List<String> ids, long counted) {
        return new DocumentCounts(POLICY_VERSION, AS_OF, ids.stream()
                .map(id -> new DocumentCounts.Entry(id, baselineOf(id), counted, baselineOf(id) + counted))
                .toList());
    }

    private static Map<String, Long> read() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (InputStream in = BaselineCounts.class.getResourceAsStream(
                "/recorded/baseline-monitor-integriteit-en-veiligheid.csv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("document_id") && !line.isBlank())
                    .forEach(line -> {
                        String[] fields = line.split(",", 3);
                        counts.put(fields[0], Long.parseLong(fields[1]));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
