package nl.publicaties.download.recording.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code interval} (and at start) looks at the directories beside this instance's spool directory: each one
 * that holds nothing but spool files and that no running instance holds (its lock is free) was left behind by an
 * instance that is gone — scaled down, or re-created under a new id (a container's hostname) — possibly with
 * downloads not yet on Kafka. Its records move into this instance's spool ({@link Spool#takeOver}), from where
 * they are forwarded with the instance id they were recorded under; then the directory is deleted.
 */
public class SpoolTakeOver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolTakeOver.class);

    private final Spool spool;
    private final Duration interval;
    private final Duration appendTimeout;
    private volatile ScheduledExecutorService scheduler;

    public SpoolTakeOver(Spool spool, Duration interval, Duration appendTimeout) {
        this.spool = spool;
        this.interval = interval;
        this.appendTimeout = appendTimeout;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "spool-take-over");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::lookAround, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() { // before the spool bean is closed (lifecycles stop before beans are destroyed)
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    void lookAround() {
        Path parent = spool.directory().toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        List<Path> others;
        try (var entries = Files.list(parent)) {
            others = entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            log.warn("Could not look for spools left behind in {}: {}", parent, e.toString());
            return;
        }
        for (Path other : others) {
            try {
                OptionalLong moved = spool.takeOver(other, appendTimeout);
                if (moved.isPresent()) {
                    log.info("Took over spool {} left behind by an instance that is gone: {} records not yet on "
                            + "Kafka moved into {}", other, moved.getAsLong(), spool.directory());
                }
            } catch (IOException e) {
                log.warn("Could not take over spool {} (tried again in {}): {}", other, interval, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
