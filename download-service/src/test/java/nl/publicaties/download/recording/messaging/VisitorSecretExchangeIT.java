package nl.publicaties.download.recording.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import nl.publicaties.download.MutableClock;
import nl.publicaties.download.TestKafka;
import nl.publicaties.download.config.TopicReaders;
import nl.publicaties.download.recording.VisitorKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Instances agree on each day's visitor secret through a real broker (the one of this JVM), each test on a
 * topic of its own; every instance here is an exchange with its own {@link VisitorKeys}, as in its own process.
 */
class VisitorSecretExchangeIT {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private final String topicName = "downloads.visitor-secrets." + UUID.randomUUID();
    private final NewTopic topic = new VisitorSecretsConfig().visitorSecretsTopic(topicName, Duration.ofHours(25),
            Duration.ofMinutes(10), (short) 1);
    private final MutableClock clock = new MutableClock("2026-11-28T10:00:00Z");
    private final List<DefaultKafkaProducerFactory<String, byte[]>> producers = new ArrayList<>();

    @AfterEach
    void closeProducers() {
        producers.forEach(DefaultKafkaProducerFactory::destroy);
    }

    @Test
    void givenTwoInstancesStartingAtOnce_whenBothAskForTodaysSecret_thenTheyAgreeAndKeyAVisitorAlike()
            throws Exception {
        VisitorKeys a = new VisitorKeys(clock);
        VisitorKeys b = new VisitorKeys(clock);
        VisitorSecretExchange exchangeA = exchange(a);
        VisitorSecretExchange exchangeB = exchange(b);
        CyclicBarrier together = new CyclicBarrier(2);

        CompletableFuture<Duration> roundA = CompletableFuture.supplyAsync(() -> afterBarrier(together, exchangeA));
        CompletableFuture<Duration> roundB = CompletableFuture.supplyAsync(() -> afterBarrier(together, exchangeB));
        roundA.get();
        roundB.get();

        LocalDate today = LocalDate.parse("2026-11-28");
        assertThat(a.isShared(today)).isTrue();
        assertThat(b.isShared(today)).isTrue();
        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isEqualTo(b.keyFor("203.0.113.7", FIREFOX));
        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(new VisitorKeys(clock).keyFor("203.0.113.7", FIREFOX));
        assertThat(recordsOnTopic()).isBetween(1L, 2L); // one proposal each at most; the first one counts
    }

    @Test
    void givenTwoProposalsForTheSameDay_whenInstancesRead_thenEveryOneTakesTheFirst() throws Exception {
        // what two instances that both found no secret and both proposed leave on the topic
        byte[] first = new byte[VisitorKeys.SECRET_BYTES];
        byte[] second = new byte[VisitorKeys.SECRET_BYTES];
        java.util.Arrays.fill(first, (byte) 1);
        java.util.Arrays.fill(second, (byte) 2);
        admin().createOrModifyTopics(topic);
        try (Producer<String, byte[]> producer = producerFactory().createProducer()) {
            producer.send(proposal("2026-11-28", first)).get();
            producer.send(proposal("2026-11-28", second)).get();
        }
        VisitorKeys a = new VisitorKeys(clock);
        VisitorKeys b = new VisitorKeys(clock);
        VisitorKeys withTheFirst = new VisitorKeys(clock);
        withTheFirst.adopt(withTheFirst.today(), first);

        exchange(a).round();
        exchange(b).round();

        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isEqualTo(withTheFirst.keyFor("203.0.113.7", FIREFOX))
                .isEqualTo(b.keyFor("203.0.113.7", FIREFOX));
        assertThat(recordsOnTopic()).isEqualTo(2);
    }

    @Test
    void givenTheDaysSecretAgreedOn_whenAnotherInstanceStartsLater_thenItReadsItWithoutProposingAnother()
            throws Exception {
        VisitorKeys first = new VisitorKeys(clock);
        exchange(first).round();
        long records = recordsOnTopic();

        clock.set("2026-11-28T17:30:00Z");
        VisitorKeys later = new VisitorKeys(clock);
        Duration untilNextRound = exchange(later).round();

        assertThat(later.keyFor("198.51.100.4", FIREFOX)).isEqualTo(first.keyFor("198.51.100.4", FIREFOX));
        assertThat(recordsOnTopic()).isEqualTo(records);
        // next round: tomorrow's secret, 10 minutes before midnight
        assertThat(untilNextRound).isEqualTo(Duration.parse("PT6H20M"));
    }

    @Test
    void givenTenMinutesBeforeMidnight_whenARoundRuns_thenTomorrowsSecretIsAgreedAndYesterdaysDroppedAfterMidnight()
            throws Exception {
        VisitorKeys a = new VisitorKeys(clock);
        VisitorKeys b = new VisitorKeys(clock);
        VisitorSecretExchange exchangeA = exchange(a);
        exchangeA.round();
        exchange(b).round();
        String today = a.keyFor("203.0.113.7", FIREFOX);

        clock.set("2026-11-28T23:50:00Z");
        assertThat(exchangeA.round()).isEqualTo(Duration.parse("PT10M5S"));
        assertThat(a.isShared(LocalDate.parse("2026-11-29"))).isTrue();
        assertThat(b.isShared(LocalDate.parse("2026-11-29"))).isFalse();
        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isEqualTo(today);

        clock.set("2026-11-29T00:00:00Z"); // b missed the prefetch (Kafka away, say) and asks just after midnight
        assertThat(exchange(b).round()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.keyFor("203.0.113.7", FIREFOX)).isEqualTo(a.keyFor("203.0.113.7", FIREFOX))
                .isNotEqualTo(today);
        assertThat(a.oldestDay()).contains(LocalDate.parse("2026-11-28")); // requests begun before 00:00 finish

        clock.set("2026-11-29T00:00:05Z");
        assertThat(exchangeA.round()).isEqualTo(Duration.parse("PT23H49M55S"));
        assertThat(a.oldestDay()).contains(LocalDate.parse("2026-11-29"));
    }

    @Test
    void givenTheTopic_whenDescribed_thenOnePartitionAndRecordsDeletedByBrokerTimeWithinTwoDays() throws Exception {
        exchange(new VisitorKeys(clock)).round();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topicName)).allTopicNames().get().get(topicName).partitions())
                    .hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topicName);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofHours(25).toMillis()));
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void givenSomethingElseOnTheTopic_whenReading_thenItIsSkippedAndTheFirstRealProposalCounts() throws Exception {
        admin().createOrModifyTopics(topic);
        try (Producer<String, byte[]> producer = producerFactory().createProducer()) {
            // no type header, then a value of the wrong size: neither is a secret anybody proposed
            producer.send(new ProducerRecord<>(topicName, 0, "2026-11-28", new byte[VisitorKeys.SECRET_BYTES])).get();
            ProducerRecord<String, byte[]> short16 = new ProducerRecord<>(topicName, 0, "2026-11-28", new byte[16]);
            short16.headers().add("event-type", VisitorSecretExchange.TYPE.getBytes(StandardCharsets.UTF_8))
                    .add("event-revision", "1".getBytes(StandardCharsets.UTF_8));
            producer.send(short16).get();
        }
        VisitorKeys a = new VisitorKeys(clock);
        VisitorKeys b = new VisitorKeys(clock);

        exchange(a).round();
        exchange(b).round();

        assertThat(a.isShared(LocalDate.parse("2026-11-28"))).isTrue();
        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isEqualTo(b.keyFor("203.0.113.7", FIREFOX));
        VisitorKeys zeros = new VisitorKeys(clock);
        zeros.adopt(zeros.today(), new byte[VisitorKeys.SECRET_BYTES]);
        assertThat(a.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(zeros.keyFor("203.0.113.7", FIREFOX));
        assertThat(recordsOnTopic()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- helpers

    private static KafkaAdmin admin() {
        return new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    private VisitorSecretExchange exchange(VisitorKeys keys) {
        DefaultKafkaConsumerFactory<Object, Object> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
        return new VisitorSecretExchange(topic, admin(), new TopicReaders(consumers), producerFactory(), keys, clock,
                Duration.ofMinutes(10), Duration.ofSeconds(1));
    }

    private DefaultKafkaProducerFactory<String, byte[]> producerFactory() {
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        producers.add(factory);
        return factory;
    }

    private ProducerRecord<String, byte[]> proposal(String day, byte[] secret) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicName, 0, day, secret);
        record.headers().add("event-type", VisitorSecretExchange.TYPE.getBytes(StandardCharsets.UTF_8))
                .add("event-revision", "1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private long recordsOnTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(topicName, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
        }
    }

    private static Duration afterBarrier(CyclicBarrier barrier, VisitorSecretExchange exchange) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return exchange.round();
    }
}
