package nl.publicaties.contracts.download;

import java.time.Instant;

/**
 * The fact that a client asked for a document's file and what it was answered. One per GET answered with
 * 200, 206 or 304. Facts only: which of them count is the stats service's counting policy.
 *
 * @param eventId    unique per download; consumers deduplicate on it
 * @param status     HTTP status sent: 200, 206 or 304
 * @param rangeStart first byte sent for a 206, else null
 * @param rangeEnd   last byte sent (inclusive) for a 206, else null
 * @param bytes      body bytes sent
 * @param userAgent  the client's User-Agent, truncated to 256 characters; may be null
 * @param visitorKey pseudonymous key of the visitor for one day (never an IP address)
 * @param instance   id of the download-service instance that served it
 */
public record DownloadRequested(
        String eventId,
        String documentId,
        String editionId,
        Instant occurredAt,
        String method,
        int status,
        Long rangeStart,
        Long rangeEnd,
        long bytes,
        String userAgent,
        String visitorKey,
        String instance) {

    public static final String TYPE = "DownloadRequested";
    public static final int REVISION = 1;
}
