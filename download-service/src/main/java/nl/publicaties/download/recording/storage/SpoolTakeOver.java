package nl.publicaties.download.recording.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code interval} (the first time at start) looks at the directories beside this instance's spool
 * directory for spools left behind by instances that are gone — scaled down, or re-created under a new id (a
 * container's hostname) — possibly with downloads not yet on Kafka, and moves those records into this spool
 * ({@link Spool#takeOver}), from where they are forwarded with the instance id they were recorded under.
 * <ul>
 * <li>Only a directory found free (no process holds its lock) on two looks in a row, one {@code interval} apart:
 * after a restart of every instance at once, a sibling that is still starting holds its own spool by the second
 * look, so no instance takes over another that is merely slower to start.</li>
 * <li>Only while this instance's forwarding reaches Kafka: with Kafka away, moving records from one disk to
 * another forwards none of them and only fills this spool.</li>
 * <li>Only up to {@code stopAtFillRatio} of this spool (the health warning level): live downloads keep room.</li>
 * </ul>
 */
public class SpoolTakeOver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolTakeOver.class);

    private final Spool spool;
    private final Duration interval;
    private final Duration appendTimeout;
    private final double stopAtFillRatio;
    private final BooleanSupplier kafkaReachable;
    private Set<Path> freeLastTime = Set.of();
    private volatile ScheduledExecutorService scheduler;

    public SpoolTakeOver(Spool spool, Duration interval, Duration appendTimeout, double stopAtFillRatio,
            BooleanSupplier kafkaReachable) {
        this.spool = spool;
        this.interval = interval;
        this.appendTimeout = appendTimeout;
        this.stopAtFillRatio = stopAtFillRatio;
        this.kafkaReachable = kafkaReachable;
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

    synchronized void lookAround() {
        Path own = spool.directory().toAbsolutePath().normalize();
        Path parent = own.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        List<Path> others;
        try (var entries = Files.list(parent)) {
            others = entries.map(path -> path.toAbsolutePath().normalize())
                    .filter(path -> !path.equals(own) && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            log.warn("Could not look for spools left behind in {}: {}", parent, e.toString());
            return;
        }
        boolean forwarding = kafkaReachable.getAsBoolean();
        Set<Path> freeNow = new HashSet<>();
        for (Path other : others) {
            try {
                if (!Spool.looksLikeASpool(other) || !Spool.isFree(other)) {
                    continue;
                }
                freeNow.add(other);
                if (!forwarding || !freeLastTime.contains(other)) {
                    continue; // next time, if it is still free then (and Kafka reachable)
                }
                OptionalLong moved = spool.takeOver(other, appendTimeout, stopAtFillRatio);
                if (moved.isPresent()) {
                    log.info("Took over spool {} left behind by an instance that is gone: {} records not yet on "
                            + "Kafka moved into {}", other, moved.getAsLong(), spool.directory());
                    freeNow.remove(other);
                }
            } catch (IOException e) {
                log.warn("Could not take over spool {} (tried again in {}): {}", other, interval, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        freeLastTime = Set.copyOf(freeNow);
    }
}
