package nl.publicaties.contracts;

/**
 * Kafka record headers every integration event carries. The value is the JSON of the record named by
 * {@link #TYPE} at {@link #REVISION}; consumers never see a Java class name.
 */
public final class MessageHeaders {

    /** Stable event name, e.g. {@code DocumentAdded}. */
    public static final String TYPE = "event-type";

    /** Revision of that event's JSON shape, as a decimal string, e.g. {@code 1}. */
    public static final String REVISION = "event-revision";

    /** Unique id of the message; consumers deduplicate on it. */
    public static final String MESSAGE_ID = "message-id";

    private MessageHeaders() {
    }
}
