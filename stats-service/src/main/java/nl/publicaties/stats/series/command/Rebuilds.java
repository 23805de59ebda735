package nl.publicaties.stats.series.command;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.CountingPolicies;
import nl.publicaties.stats.counting.CountingPolicy;
import nl.publicaties.stats.counting.RobotList;
import nl.publicaties.stats.counting.messaging.DownloadRequestedDeserializer;
import nl.publicaties.stats.counting.storage.CountingLedger;
import nl.publicaties.stats.series.config.SeriesBootstrap;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Restates the figures: replays downloads.requested from the first offset into a new series under a given
 * policy while the live series keeps serving, then switches atomically ({@link SeriesStore#switchLive}).
 *
 * <p>No event can fall between the replay and the live listener: the new series is registered (state
 * {@code building}) before the replay reads the topic's end offsets, and from that moment the live listener
 * applies every batch to the building series too. The replay covers everything before those end offsets,
 * the listener everything after; events both see are deduplicated by the series' ledger.
 */
@Service
public class Rebuilds implements DisposableBean {

    private static final Log LOG = LogFactory.getLog(Rebuilds.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final SeriesStore series;
    private final CountingLedger ledger;
    private final CountingPolicies policies;
    private final KafkaProperties kafka;
    private final SeriesBootstrap bootstrap;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "stats-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public Rebuilds(SeriesStore series, CountingLedger ledger, CountingPolicies policies, KafkaProperties kafka,
            SeriesBootstrap bootstrap) {
        this.series = series;
        this.ledger = ledger;
        this.policies = policies;
        this.kafka = kafka;
        this.bootstrap = bootstrap;
    }

    /** What a rebuild has done so far. */
    public static final class Progress {
        public final String seriesId;
        public final String policyVersion;
        public final Instant startedAt = Instant.now();
        public final AtomicLong eventsReplayed = new AtomicLong();
        public volatile Map<Integer, Long> endOffsets = Map.of();
        public volatile Instant finishedAt;
        public volatile String state = "replaying";
        public volatile String error;

        Progress(String seriesId, String policyVersion) {
            this.seriesId = seriesId;
            this.policyVersion = policyVersion;
        }
    }

    public record Status(String seriesId, String policyVersion, String state, long eventsReplayed,
            Map<Integer, Long> endOffsets, Instant startedAt, Instant finishedAt, String error) {
    }

    /** Starts a rebuild under the policy; the answer names the new series. */
    public synchronized Status start(String policyVersion) {
        CountingPolicy policy = policies.find(policyVersion)
                .orElseThrow(() -> new UnknownPolicyException(policyVersion, policies.versions()));
        String seriesId = policyVersion + "-" + SUFFIX.format(Instant.now());
        while (series.find(seriesId).isPresent()) {
            seriesId = seriesId + "b";
        }
        series.create(seriesId, policyVersion, policy.robots().map(RobotList::version).orElse(null), false);
        return launch(seriesId, policy);
    }

    public List<Status> statuses() {
        List<Status> statuses = new ArrayList<>();
        progress.values().forEach(p -> statuses.add(status(p)));
        return statuses;
    }

    public Optional<Status> status(String seriesId) {
        return Optional.ofNullable(progress.get(seriesId)).map(Rebuilds::status);
    }

    /**
     * Resumes rebuilds a restart interrupted (they replay from the start again; the ledger makes that
     * harmless) and, when the live series counts under another policy than the configured one, starts the
     * rebuild into the configured policy.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void onStart() {
        List<SeriesStore.Series> all = series.all();
        all.stream().filter(s -> s.state().equals("building"))
                .forEach(s -> launch(s.seriesId(), policies.get(s.policyVersion())));
        String configured = bootstrap.configuredVersion();
        boolean liveIsConfigured = all.stream().anyMatch(s -> s.live() && s.policyVersion().equals(configured));
        boolean building = all.stream().anyMatch(s -> s.state().equals("building") && s.policyVersion().equals(configured));
        if (!liveIsConfigured && !building) {
            LOG.info("Live figures are not counted under the configured policy " + configured + ": rebuilding");
            start(configured);
        }
    }

    private Status launch(String seriesId, CountingPolicy policy) {
        Progress p = new Progress(seriesId, policy.version());
        progress.put(seriesId, p);
        executor.submit(() -> run(p, policy));
        return status(p);
    }

    private void run(Progress p, CountingPolicy policy) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        DownloadRequestedDeserializer reader = new DownloadRequestedDeserializer();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOWNLOADS_REQUESTED, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            p.endOffsets = end.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
            consumer.seekToBeginning(partitions);
            while (!stopping && !reached(consumer, end)) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                List<DownloadRequested> events = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // the live listener counts these into the new series as well
                    }
                    try {
                        DownloadRequested event = reader.deserialize(record.topic(), record.headers(), record.value());
                        if (event != null) {
                            events.add(event);
                        }
                    } catch (RuntimeException unreadable) {
                        // it was dead-lettered when it first arrived; the replay skips it the same way
                    }
                }
                ledger.applyTo(p.seriesId, policy, events);
                p.eventsReplayed.addAndGet(events.size());
            }
            if (stopping) {
                p.state = "interrupted";
                return;
            }
            series.switchLive(p.seriesId);
            p.state = "live";
            p.finishedAt = Instant.now();
            LOG.info("Series " + p.seriesId + " (policy " + p.policyVersion + ") replayed " + p.eventsReplayed.get()
                    + " events and is live");
        } catch (RuntimeException e) {
            if (stopping) {
                // shutting down: the series stays "building" and the next start resumes it
                p.state = "interrupted";
                return;
            }
            p.state = "failed";
            p.error = e.getMessage();
            p.finishedAt = Instant.now();
            series.abandon(p.seriesId);
            LOG.error("Rebuild of series " + p.seriesId + " failed; the live series is unchanged", e);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Status status(Progress p) {
        return new Status(p.seriesId, p.policyVersion, p.state, p.eventsReplayed.get(), p.endOffsets, p.startedAt,
                p.finishedAt, p.error);
    }

    @Override
    public void destroy() {
        stopping = true;
        executor.shutdownNow();
    }
}
