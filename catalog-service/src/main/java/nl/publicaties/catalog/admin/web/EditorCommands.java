package nl.publicaties.catalog.admin.web;

import java.security.Principal;
import nl.publicaties.catalog.edition.command.Edition;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends an editor's command with who sent it ({@code actor}, copied onto every event it causes, see
 * {@code config/AxonConfig}) and, when the request had {@code If-Match}, the version the editor saw.
 */
@Component
public class EditorCommands {

    public static final String ACTOR = "actor";

    private final CommandGateway commands;

    public EditorCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R send(Object command, Principal actor, String ifMatch) {
        MetaData metaData = MetaData.with(ACTOR, actor.getName());
        Long expected = expectedVersion(ifMatch);
        if (expected != null) {
            metaData = metaData.and(Edition.EXPECTED_VERSION, expected);
        }
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** {@code "7"} (or {@code W/"7"}) → 7; absent or {@code *} → no check. Anything else cannot match. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!tag.matches("\\d{1,18}")) {
            throw new PreconditionFailed("If-Match " + ifMatch + " is not a version of this resource");
        }
        return Long.parseLong(tag);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static final class PreconditionFailed extends RuntimeException {
        PreconditionFailed(String message) {
            super(message, null, false, false);
        }
    }
}
