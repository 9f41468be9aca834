package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentChoice;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.proto.v1.Event;
import java.util.List;

/** A valid event with the identifiers, traits and consent decisions it carries, ready to resolve. */
public record ParsedEvent(
        Event event, List<IdentifierValue> identifiers, ObjectNode traits, List<ConsentChoice> consents) {

    public String messageId() {
        return event.getMessageId();
    }
}
