package nl.publicaties.download.recording.storage;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.recording.DownloadRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends each event (its wire JSON) to the {@link Spool} and waits until it is fsynced. The wait is the
 * price of "no download without its record"; group commit keeps it one fsync shared by every request that
 * arrives meanwhile.
 */
public class SpoolDownloadRecorder implements DownloadRecorder {

    private static final Logger log = LoggerFactory.getLogger(SpoolDownloadRecorder.class);

    private final Spool spool;
    private final JsonMapper json;
    private final Duration appendTimeout;
    private final long retryAfterSeconds;
    private final Timer appendLatency;
    private final MeterRegistry meters;

    public SpoolDownloadRecorder(Spool spool, JsonMapper json, Duration appendTimeout, Duration retryAfter,
            MeterRegistry meters) {
        this.spool = spool;
        this.json = json;
        this.appendTimeout = appendTimeout;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.meters = meters;
        this.appendLatency = Timer.builder("download.spool.append.latency")
                .description("request thread waiting for its DownloadRequested to be fsynced (group commit)")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public void record(DownloadRequested event) throws NotRecorded {
        long started = System.nanoTime();
        try {
            spool.append(json.writeValueAsBytes(event)).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            appendLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            boolean full = e.getCause() instanceof Spool.SpoolFull;
            throw rejected(full ? "full" : "error", event, e.getCause());
        } catch (TimeoutException e) {
            throw rejected("timeout", event, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rejected("interrupted", event, e);
        }
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
