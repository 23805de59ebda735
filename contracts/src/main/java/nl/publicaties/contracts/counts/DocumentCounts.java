package nl.publicaties.contracts.counts;

import java.time.Instant;
import java.util.List;

/**
 * Answer of stats-service's batch call {@code GET /api/counts?ids=a,b,c}: one entry per asked id, in the
 * order asked (an id never downloaded has counted 0).
 *
 * @param policyVersion the counting policy that produced {@code counted}
 * @param asOf          instant of the newest download event included, null if none yet
 */
public record DocumentCounts(String policyVersion, Instant asOf, List<Entry> documents) {

    /** The most ids one {@code GET /api/counts} takes: a caller with more asks in batches of this size. */
    public static final int MAX_IDS = 200;

    /**
     * @param baseline downloads counted before this system, imported with provenance (not events)
     * @param counted  downloads counted from {@code DownloadRequested} events under the policy
     * @param total    baseline + counted
     */
    public record Entry(String documentId, long baseline, long counted, long total) {
    }
}
