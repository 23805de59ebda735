package nl.publicaties.stats.counts.query;

import java.time.Instant;
import java.util.Map;

/**
 * Everything behind one document's figure: the baseline with its provenance, and the events seen under the
 * policy, split into counted and excluded by reason ({@code rawEvents = counted + excluded}).
 *
 * @param counted     Total_Item_Requests under the policy
 * @param uniqueRequests Unique_Item_Requests under the policy
 * @param asOf        newest event included in the figures
 * @param exclusions  excluded events by reason code
 * @param baselineSource null when the document has no baseline
 */
public record DocumentCountDetail(
        String documentId,
        String policyVersion,
        String seriesId,
        Instant asOf,
        long baseline,
        long counted,
        long uniqueRequests,
        long total,
        long rawEvents,
        long excluded,
        Map<String, Long> exclusions,
        Instant firstEventAt,
        Instant lastEventAt,
        Baseline baselineSource) {

    /** Where the baseline figure comes from. */
    public record Baseline(
            long downloads, String title, String source, String fileName, String fileSha256, Instant importedAt) {
    }
}
