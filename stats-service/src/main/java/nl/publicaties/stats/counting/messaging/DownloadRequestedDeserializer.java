package nl.publicaties.stats.counting.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.download.DownloadRequested;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code downloads.requested} value by its declared {@code event-type} header, never by a class
 * name. Anything that is not a well-formed {@link DownloadRequested} is rejected here, so that the
 * {@code ErrorHandlingDeserializer} around it turns it into a dead letter instead of a blocked partition or
 * a database error later.
 */
public class DownloadRequestedDeserializer implements Deserializer<DownloadRequested> {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private static final int MAX_EVENT_ID_LENGTH = 200;
    /** Downloads this system can have recorded: from before its first day to far beyond any clock error. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    // a newer revision may add fields; reading what we know keeps old consumers working
    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public DownloadRequested deserialize(String topic, byte[] data) {
        throw new SerializationException("event-type header required to read " + topic);
    }

    @Override
    public DownloadRequested deserialize(String topic, Headers headers, byte[] data) {
        String type = headerText(headers, MessageHeaders.TYPE);
        if (!DownloadRequested.TYPE.equals(type)) {
            throw new SerializationException("unknown event-type '" + type + "' on " + topic);
        }
        if (data == null) {
            throw new SerializationException("DownloadRequested without a value on " + topic);
        }
        DownloadRequested event;
        try {
            event = mapper.readValue(data, DownloadRequested.class);
        } catch (JacksonException e) {
            throw new SerializationException("unreadable DownloadRequested JSON on " + topic, e);
        }
        validate(event);
        return event;
    }

    private static void validate(DownloadRequested event) {
        if (event == null) {
            throw new SerializationException("DownloadRequested is JSON null");
        }
        if (event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > MAX_EVENT_ID_LENGTH) {
            throw new SerializationException("DownloadRequested without a usable eventId");
        }
        if (event.documentId() == null || !UUID_TEXT.matcher(event.documentId()).matches()) {
            throw new SerializationException("DownloadRequested " + event.eventId() + " has no UUID documentId");
        }
        if (event.occurredAt() == null) {
            throw new SerializationException("DownloadRequested " + event.eventId() + " has no occurredAt");
        }
        // what the database cannot store would fail its batch on every retry and stop counting on the partition:
        // such an event goes to the dead-letter topic here instead
        if (event.occurredAt().isBefore(EARLIEST) || event.occurredAt().isAfter(LATEST)) {
            throw new SerializationException("DownloadRequested " + event.eventId() + " occurred at "
                    + event.occurredAt() + ", outside " + EARLIEST + " .. " + LATEST);
        }
        for (String text : new String[] {event.eventId(), event.editionId(), event.method(), event.userAgent(),
                event.visitorKey(), event.instance()}) {
            if (text != null && text.indexOf('\0') >= 0) {
                throw new SerializationException("DownloadRequested " + event.eventId().replace('\0', '?')
                        + " holds a NUL character, which the database cannot store");
            }
        }
    }

    private static String headerText(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
