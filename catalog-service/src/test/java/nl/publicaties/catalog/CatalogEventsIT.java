package nl.publicaties.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.publicaties.catalog.config.AxonConfig;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.ArchiveEdition;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.command.ReorderDocuments;
import nl.publicaties.catalog.edition.command.ReplaceDocumentFile;
import nl.publicaties.catalog.edition.command.RestoreDocument;
import nl.publicaties.catalog.edition.command.RetitleDocument;
import nl.publicaties.catalog.edition.command.WithdrawDocument;
import nl.publicaties.contracts.catalog.CatalogEvents;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.DocumentAdded;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CatalogEventsIT extends IntegrationTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private EventProcessingConfiguration processing;

    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().getBrokersAsString());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "catalog-events-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CATALOG_EVENTS));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void givenSeedImported_whenCatalogEventsConsumed_thenEveryStoredEventArrivesKeyedWithHeadersAndContractJson() {
        Map<String, StoredEvent> stored = await().atMost(Duration.ofSeconds(60))
                .until(this::storedEvents, events -> events.size() >= 30);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return received.stream().map(r -> header(r, MessageHeaders.MESSAGE_ID)).toList()
                    .containsAll(stored.keySet());
        });

        for (ConsumerRecord<String, String> record : received) {
            StoredEvent event = stored.get(header(record, MessageHeaders.MESSAGE_ID));
            if (event == null) {
                continue;
            }
            String type = header(record, MessageHeaders.TYPE);
            assertThat(type).isEqualTo(event.simpleType());
            assertThat(header(record, MessageHeaders.REVISION)).isEqualTo("1");
            assertThat(record.headers().lastHeader("__TypeId__")).isNull();
            Record payload = json.readValue(record.value(), CatalogEvents.BY_TYPE.get(type));
            String expectedKey = event.aggregateId();
            if (payload instanceof DocumentAdded documentAdded) {
                assertThat(documentAdded.editionId()).isEqualTo(expectedKey);
            }
            assertThat(record.key()).as(type).isEqualTo(expectedKey);
        }
    }

    @Test
    void givenCatalogTopic_whenDescribed_thenThreePartitionsKeptForever() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().getBrokersAsString());
        try (Admin admin = Admin.create(props)) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.CATALOG_EVENTS))
                    .allTopicNames().get().get(Topics.CATALOG_EVENTS);
            assertThat(topic.partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG_EVENTS);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void givenPublisherStopped_whenEventsStoredAndPublisherRestarted_thenItResumesAndSendsEachEventOnce() {
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents().size() >= 30);
        EventProcessor publisher = processing.eventProcessor(AxonConfig.KAFKA_PUBLISHER).orElseThrow();
        publisher.shutDown();

        String editionId = UUID.randomUUID().toString();
        String documentId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateEdition(editionId, "86dc967a-c400-5d65-b52b-4da436036a14",
                "Monitor 2024 (concept)", 2024, null, null, null));
        commands.sendAndWait(new AddDocument(editionId, documentId, "Monitor integriteit en veiligheid 2024",
                "rapport", null, null, null, "nl", "monitor-integriteit-en-veiligheid-2024.pdf", "application/pdf",
                1000, "b".repeat(64)));

        publisher.start();

        Map<String, StoredEvent> stored = storedEvents();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return received.stream().anyMatch(r -> editionId.equals(r.key())
                    && "DocumentAdded".equals(header(r, MessageHeaders.TYPE)));
        });
        poll();
        Map<String, Integer> timesSent = new HashMap<>();
        received.forEach(r -> timesSent.merge(header(r, MessageHeaders.MESSAGE_ID), 1, Integer::sum));
        assertThat(timesSent.keySet()).containsAll(stored.keySet());
        assertThat(timesSent.values()).allMatch(times -> times == 1);
    }

    @Test
    void givenEditorialChanges_whenCatalogEventsConsumed_thenTheEditorialEventsArriveByNameKeyedByEdition() {
        // a series of its own: the seed page must stay as the other tests expect it
        String seriesId = UUID.randomUUID().toString();
        String editionId = UUID.randomUUID().toString();
        String report = UUID.randomUUID().toString();
        String summary = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateEdition(editionId, seriesId,
                "Monitor 2024 (concept)", 2024, null, null, null));
        commands.sendAndWait(new AddDocument(editionId, report, "Monitor 2024", "rapport", null, null, null, "nl",
                "monitor-2024.pdf", "application/pdf", 1000, "d".repeat(64)));
        commands.sendAndWait(new AddDocument(editionId, summary, "5-minutenversie 2024", "samenvatting", null, null,
                null, "nl", "5-minutenversie-2024.pdf", "application/pdf", 1000, "e".repeat(64)));
        commands.sendAndWait(new PublishEdition(editionId, null));
        commands.sendAndWait(new RetitleDocument(editionId, report, "Monitor integriteit 2024"));
        commands.sendAndWait(new ReorderDocuments(editionId, List.of(summary, report)));
        commands.sendAndWait(new ReplaceDocumentFile(editionId, report, "application/pdf", 2000, "f".repeat(64)));
        commands.sendAndWait(new WithdrawDocument(editionId, summary, "verouderd"));
        commands.sendAndWait(new RestoreDocument(editionId, summary));
        commands.sendAndWait(new ArchiveEdition(editionId));

        List<String> expected = List.of("EditionCreated", "DocumentAdded", "DocumentAdded", "EditionPublished",
                "DocumentRetitled", "DocumentsReordered", "DocumentFileReplaced", "DocumentWithdrawn",
                "DocumentRestored", "EditionArchived");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return received.stream().filter(r -> editionId.equals(r.key())).count() >= expected.size();
        });
        List<ConsumerRecord<String, String>> ofEdition = received.stream()
                .filter(r -> editionId.equals(r.key())).toList();
        assertThat(ofEdition).extracting(r -> header(r, MessageHeaders.TYPE)).containsExactlyElementsOf(expected);
        Record replaced = json.readValue(ofEdition.get(6).value(), CatalogEvents.BY_TYPE.get(
                "DocumentFileReplaced"));
        assertThat(replaced).isEqualTo(new nl.publicaties.contracts.catalog.DocumentFileReplaced(report,
                editionId, seriesId, 2, "monitor-2024.pdf", "application/pdf", 2000,
                "f".repeat(64), "d".repeat(64)));
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
    }

    private Map<String, StoredEvent> storedEvents() {
        Map<String, StoredEvent> events = new HashMap<>();
        jdbc.query("select event_identifier, aggregate_identifier, payload_type from domain_event_entry",
                rs -> {
                    events.put(rs.getString(1), new StoredEvent(rs.getString(2), rs.getString(3)));
                });
        return events;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record StoredEvent(String aggregateId, String payloadType) {
        String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }
}
