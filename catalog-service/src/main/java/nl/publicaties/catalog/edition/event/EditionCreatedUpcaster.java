package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link EditionCreated} revision 1 → 2: revision 2 has a planned {@code publicationDate}; editions created
 * before it had none. Stored events are never rewritten: every read (aggregate loading, processors, history)
 * passes through this upcaster. Axon's Spring Boot auto-configuration puts upcaster beans in its chain.
 */
@Component
@Order(0)
public class EditionCreatedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(EditionCreated.class.getTypeName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(EditionCreated.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).putNull("publicationDate");
            return payload;
        });
    }
}
