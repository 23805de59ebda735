package nl.publicaties.download.recording.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param enabled        false only for benchmarks: downloads are then served without any record at all
 * @param dir            spool directory; {@code data/spool/<instance id>} when not set. Must survive a restart
 *                       and belong to exactly one running instance
 * @param maxBytes       unforwarded record bytes the spool accepts; beyond that downloads answer 503
 * @param segmentBytes   size at which a new segment file is started (forwarded segments are deleted whole)
 * @param warningRatio   fill ratio from which health reports WARNING
 * @param readinessRatio fill ratio from which readiness is OUT_OF_SERVICE (load balancers stop sending traffic)
 * @param appendTimeout  longest a request waits for its record to be fsynced before it answers 503
 * @param forwardBatch   most records sent to Kafka in one round (one produce request)
 * @param forwardInterval pause after a round that was not full, so the next one carries what arrived meanwhile:
 *                       fewer, larger produce requests (the broker's cost is per request far more than per
 *                       record) at the price of counts reaching Kafka up to this much later
 * @param retryAfter     Retry-After sent with a 503 when the spool cannot take a record
 * @param commitDelay    how long the spool writer lets records gather after the first one of a group commit
 *                       before it writes and fsyncs them: more records per fsync (less CPU per download) for
 *                       that much more latency; 0 = write as soon as one is queued
 * @param takeOverInterval how often this instance looks beside its own spool directory for spools no running
 *                       instance holds (left by an instance removed or re-created under a new id) and moves their
 *                       unforwarded records into its own; 0 = never (the default: only where that parent
 *                       directory holds this deployment's spools and nothing else, as in the Docker image)
 */
@ConfigurationProperties("download.spool")
public record SpoolProperties(Boolean enabled, Path dir, DataSize maxBytes, DataSize segmentBytes,
        Double warningRatio, Double readinessRatio, Duration appendTimeout, Integer forwardBatch,
        Duration forwardInterval, Duration retryAfter, Duration commitDelay, Duration takeOverInterval) {

    public SpoolProperties {
        enabled = enabled == null || enabled;
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(256) : maxBytes;
        segmentBytes = segmentBytes == null ? DataSize.ofMegabytes(16) : segmentBytes;
        warningRatio = warningRatio == null ? 0.75 : warningRatio;
        readinessRatio = readinessRatio == null ? 0.90 : readinessRatio;
        appendTimeout = appendTimeout == null ? Duration.ofSeconds(5) : appendTimeout;
        forwardBatch = forwardBatch == null ? 1000 : forwardBatch;
        forwardInterval = forwardInterval == null ? Duration.ofMillis(50) : forwardInterval;
        retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
        commitDelay = commitDelay == null ? Duration.ZERO : commitDelay;
        takeOverInterval = takeOverInterval == null ? Duration.ZERO : takeOverInterval;
        // settings that would quietly stop forwarding, or the warning before readiness, refuse to start
        if (forwardBatch < 1) {
            throw new IllegalArgumentException("download.spool.forward-batch must be at least 1, not " + forwardBatch);
        }
        if (!(warningRatio > 0 && warningRatio < readinessRatio && readinessRatio <= 1)) {
            throw new IllegalArgumentException("download.spool.warning-ratio (" + warningRatio + ") and readiness-ratio ("
                    + readinessRatio + ") must satisfy 0 < warning-ratio < readiness-ratio <= 1");
        }
        if (maxBytes.toBytes() <= 0 || segmentBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("download.spool.max-bytes and segment-bytes must be positive");
        }
        for (Duration duration : new Duration[] {appendTimeout, forwardInterval, retryAfter, commitDelay,
                takeOverInterval}) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("download.spool durations cannot be negative: " + duration);
            }
        }
        if (appendTimeout.isZero()) {
            throw new IllegalArgumentException("download.spool.append-timeout must be positive");
        }
    }

    public Path dirFor(String instanceId) {
        return dir != null ? dir : Path.of("data", "spool", instanceId);
    }
}
