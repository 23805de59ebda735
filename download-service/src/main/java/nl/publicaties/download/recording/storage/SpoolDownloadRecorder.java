package nl.publicaties.download.recording.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.DownloadRequestedJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event (its wire JSON) to the {@link Spool}; the returned future completes when it is fsynced.
 * That wait is the price of "no download without its record"; group commit makes it one fsync shared by every
 * request that arrives meanwhile, and no thread is parked for it.
 */
public class SpoolDownloadRecorder implements DownloadRecorder {

    private static final Logger log = LoggerFactory.getLogger(SpoolDownloadRecorder.class);

    private final Spool spool;
    private final long retryAfterSeconds;
    private final Timer appendLatency;
    private final MeterRegistry meters;

    /** The spool fails an append that waits too long ({@link Spool#appendTimeout}): that answers 503 too. */
    public SpoolDownloadRecorder(Spool spool, Duration retryAfter, MeterRegistry meters) {
        this.spool = spool;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.meters = meters;
        this.appendLatency = Timer.builder("download.spool.append.latency")
                .description("a download waiting for its DownloadRequested to be fsynced (group commit)")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public CompletableFuture<Void> record(DownloadRequested event) {
        long started = System.nanoTime();
        CompletableFuture<Long> appended;
        try {
            appended = spool.append(DownloadRequestedJson.write(event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(rejected("error", event, e));
        }
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        appended.whenComplete((position, failure) -> {
            if (failure == null) {
                appendLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                recorded.complete(null);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String reason = cause instanceof Spool.SpoolFull ? "full"
                    : cause instanceof TimeoutException ? "timeout" : "error";
            recorded.completeExceptionally(rejected(reason, event, cause));
        });
        return recorded;
    }

    private NotRecorded rejected(String reason, DownloadRequested event, Throwable cause) {
        Counter.builder("download.spool.rejected")
                .description("downloads refused (503) because their DownloadRequested could not be spooled")
                .tag("reason", reason).register(meters).increment();
        log.warn("Download of {} refused: its record could not be spooled ({}: {})", event.documentId(), reason,
                String.valueOf(cause));
        return new NotRecorded(reason, retryAfterSeconds, cause);
    }
}
