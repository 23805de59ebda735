package nl.publicaties.download.recording.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.messaging.SpoolForwarder;
import nl.publicaties.download.recording.storage.Spool;
import nl.publicaties.download.recording.storage.SpoolDownloadRecorder;
import nl.publicaties.download.recording.storage.SpoolTakeOver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;


@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpoolProperties.class)
class SpoolConfig {

    private static final Logger log = LoggerFactory.getLogger(SpoolConfig.class);

    @Bean(destroyMethod = "close")
    Spool spool(SpoolProperties properties, DownloadProperties download, Clock clock, MeterRegistry meters,
            Environment environment) throws IOException {
        if (properties.dir() == null && !StringUtils.hasText(environment.getProperty("download.instance-id"))) {
            log.warn("Neither DOWNLOAD_INSTANCE_ID nor DOWNLOAD_SPOOL_DIR is set: this run spools into a new "
                    + "directory, and records left unforwarded by an earlier run are not replayed by this one");
        }
        Timer fsync = Timer.builder("download.spool.fsync")
                .description("one group commit: write + force of a batch of records")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        DistributionSummary batch = DistributionSummary.builder("download.spool.batch.records")
                .description("records made durable by one fsync").register(meters);
        Spool spool = Spool.open(properties.dirFor(download.instanceId()).toAbsolutePath(),
                properties.segmentBytes().toBytes(), properties.maxBytes().toBytes(), clock::millis,
                new Spool.Listener() {
                    @Override
                    public void forced(int records, long nanos) {
                        fsync.record(nanos, TimeUnit.NANOSECONDS);
                        batch.record(records);
                    }
                });
        spool.commitDelay(properties.commitDelay());
        spool.appendTimeout(properties.appendTimeout());
        log.info("Instance {} spools downloads in {} ({} records / {} bytes not yet on Kafka, {} torn cut off)",
                download.instanceId(), spool.directory(), spool.unforwardedRecords(), spool.unforwardedBytes(),
                spool.tornRecordsAtOpen());
        Gauge.builder("download.spool.depth", spool, Spool::unforwardedRecords)
                .description("DownloadRequested records spooled but not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("download.spool.bytes", spool, Spool::unforwardedBytes).baseUnit("bytes")
                .description("bytes of unforwarded records (bounded by download.spool.max-bytes)").register(meters);
        Gauge.builder("download.spool.fill.ratio", spool, Spool::fillRatio)
                .description("unforwarded bytes / max bytes").register(meters);
        Gauge.builder("download.spool.segments", spool, Spool::segmentCount).register(meters);
        Gauge.builder("download.spool.oldest.age", spool, s -> oldestAgeSeconds(s, clock))
                .baseUnit("seconds")
                .description("age of the oldest record not yet acknowledged by Kafka (0 when drained, NaN when it"
                        + " cannot be read)")
                .register(meters);
        return spool;
    }

    static double oldestAgeSeconds(Spool spool, Clock clock) {
        try {
            return spool.oldestUnforwardedAppendedAt().stream()
                    .mapToDouble(at -> Math.max(0, clock.millis() - at) / 1000.0).findFirst().orElse(0);
        } catch (UncheckedIOException e) {
            return Double.NaN;
        }
    }

    @Bean
    SpoolTakeOver spoolTakeOver(SpoolProperties properties, Spool spool, SpoolForwarder forwarder) {
        return new SpoolTakeOver(spool, properties.enabled() ? properties.takeOverInterval() : Duration.ZERO,
                properties.appendTimeout(), properties.warningRatio(), forwarder::reachesKafka);
    }

    @Bean
    DownloadRecorder downloadRecorder(SpoolProperties properties, Spool spool, MeterRegistry meters) {
        if (!properties.enabled()) {
            log.warn("download.spool.enabled=false: downloads are served WITHOUT being recorded (benchmarks only)");
            return DownloadRecorder.DISABLED;
        }
        return new SpoolDownloadRecorder(spool, properties.retryAfter(), meters);
    }
}
