package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.proto.v1.Event;
import java.util.List;

/** A valid event with the identifiers and traits it carries, ready to resolve. */
public record ParsedEvent(Event event, List<IdentifierValue> identifiers, ObjectNode traits) {

    public String messageId() {
        return event.getMessageId();
    }
}
