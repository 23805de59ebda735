package nl.publicaties.download.recording.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.recording.DownloadRecorder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link DownloadRequested} to {@code downloads.requested}, key = document id, without ever making
 * a download wait for Kafka: the request thread only enqueues; one sender thread (which keeps the order of
 * events per document) calls {@link KafkaTemplate#send}, whose metadata wait can block while the broker is
 * away. Delivery is at-most-once here — an event is lost when the queue overflows, Kafka rejects it, or the
 * process dies — and every loss is counted ({@code download.events.publish.failures}) and logged. Issue 4's
 * durable spool replaces this class behind {@link DownloadRecorder}.
 */
@Component
public class KafkaDownloadRecorder implements DownloadRecorder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaDownloadRecorder.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Counter published;
    private final Timer latency;
    private final ThreadPoolExecutor sender;

    public KafkaDownloadRecorder(KafkaTemplate<String, String> kafka, JsonMapper json, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.meters = meters;
        this.published = Counter.builder("download.events.published")
                .description("DownloadRequested events acknowledged by Kafka").register(meters);
        this.latency = Timer.builder("download.events.publish.latency")
                .description("from hand-off to Kafka acknowledgement").register(meters);
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "download-events-sender");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void record(DownloadRequested event) {
        long handedOff = System.nanoTime();
        try {
            sender.execute(() -> send(event, handedOff));
        } catch (RejectedExecutionException e) {
            failed("queue-full", event, e);
        }
    }

    private void send(DownloadRequested event, long handedOff) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DOWNLOADS_REQUESTED,
                    event.documentId(), json.writeValueAsString(event));
            record.headers()
                    .add(MessageHeaders.TYPE, DownloadRequested.TYPE.getBytes(StandardCharsets.UTF_8))
                    .add(MessageHeaders.REVISION,
                            Integer.toString(DownloadRequested.REVISION).getBytes(StandardCharsets.UTF_8))
                    .add(MessageHeaders.MESSAGE_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
            kafka.send(record).whenComplete((result, error) -> {
                if (error == null) {
                    published.increment();
                    latency.record(System.nanoTime() - handedOff, TimeUnit.NANOSECONDS);
                } else {
                    failed("kafka", event, error);
                }
            });
        } catch (RuntimeException e) {
            failed("send", event, e);
        }
    }

    private void failed(String reason, DownloadRequested event, Throwable error) {
        Counter.builder("download.events.publish.failures")
                .description("DownloadRequested events that were not delivered to Kafka")
                .tag("reason", reason)
                .register(meters)
                .increment();
        log.error("DownloadRequested {} for document {} not delivered ({}): {}", event.eventId(),
                event.documentId(), reason, error.toString());
    }

    /** Gives queued events a moment to reach the producer before Spring closes it. */
    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("{} DownloadRequested events still queued at shutdown are lost", sender.getQueue().size());
            sender.shutdownNow();
        }
        kafka.flush();
    }
}
