package nl.publicaties.stats.counting.messaging;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.download.DownloadRequested;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DownloadRequestedDeserializerTest {

    private final DownloadRequestedDeserializer deserializer = new DownloadRequestedDeserializer();

    private static final String JSON = """
            {"eventId":"e-1","documentId":"%s","editionId":"ed-1","occurredAt":"2026-11-28T04:09:23.123456Z",
             "method":"GET","status":206,"rangeStart":0,"rangeEnd":499,"bytes":500,"userAgent":"curl/8",
             "visitorKey":"v-1","instance":"download-1","addedInARevisionWeDoNotKnow":true}
            """.formatted(MONITOR_2022);

    @Test
    void givenDownloadRequestedJson_whenDeserialized_thenAllFactsRead() {
        DownloadRequested event = deserializer.deserialize("downloads.requested", headers(DownloadRequested.TYPE), bytes(JSON));

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.documentId()).isEqualTo(MONITOR_2022);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-28T04:09:23.123456Z"));
        assertThat(event.status()).isEqualTo(206);
        assertThat(event.rangeStart()).isZero();
        assertThat(event.rangeEnd()).isEqualTo(499L);
    }

    @Test
    void givenUnknownEventType_whenDeserialized_thenRejected() {
        assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", headers("DocumentAdded"), bytes(JSON)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown event-type");
    }

    @Test
    void givenNoEventTypeHeader_whenDeserialized_thenRejected() {
        assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", new RecordHeaders(), bytes(JSON)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void givenInvalidJson_whenDeserialized_thenRejected() {
        assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", headers(DownloadRequested.TYPE), bytes("{not json")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreadable");
    }

    @Test
    void givenDocumentIdThatIsNoUuid_whenDeserialized_thenRejected() {
        String json = JSON.replace(MONITOR_2022, "../etc/passwd");

        assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", headers(DownloadRequested.TYPE), bytes(json)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("documentId");
    }

    @Test
    void givenNoEventId_whenDeserialized_thenRejected() {
        String json = JSON.replace("\"eventId\":\"e-1\",", "");

        assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", headers(DownloadRequested.TYPE), bytes(json)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void givenWhatTheDatabaseCannotStore_whenDeserialized_thenRejected_soItGoesToTheDeadLetterTopic() {
        for (String json : new String[] {JSON.replace("curl/8", "curl\\u0000/8"),
                JSON.replace("2026-11-28T04:09:23.123456Z", "+300000-01-01T00:00:00Z")}) {
            assertThatThrownBy(() -> deserializer.deserialize("downloads.requested", headers(DownloadRequested.TYPE),
                    bytes(json))).isInstanceOf(SerializationException.class);
        }
    }

    private static RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(MessageHeaders.REVISION, "1".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
