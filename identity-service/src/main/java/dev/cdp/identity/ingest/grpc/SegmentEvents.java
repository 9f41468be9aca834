package dev.cdp.identity.ingest.grpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.ingest.Structs;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import java.util.Locale;

/**
 * A {@code cdp.v1.Event} as the Segment call it stands for, so that gRPC events are validated by
 * the very rules of the HTTP API and their errors name the same fields.
 */
final class SegmentEvents {

    private SegmentEvents() {}

    static ObjectNode toSegmentJson(Event event) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        if (event.getType() != EventType.EVENT_TYPE_UNSPECIFIED && event.getType() != EventType.UNRECOGNIZED) {
            call.put("type", event.getType().name().toLowerCase(Locale.ROOT));
        }
        putIfSet(call, "messageId", event.getMessageId());
        putIfSet(call, "userId", event.getUserId());
        putIfSet(call, "anonymousId", event.getAnonymousId());
        putIfSet(call, "event", event.getEvent());
        putIfSet(call, "name", event.getName());
        putIfSet(call, "groupId", event.getGroupId());
        putIfSet(call, "previousId", event.getPreviousId());
        if (event.hasProperties()) {
            call.set("properties", Structs.toJson(event.getProperties()));
        }
        if (event.hasTraits()) {
            call.set("traits", Structs.toJson(event.getTraits()));
        }
        if (event.hasContext()) {
            ObjectNode context = Structs.toJson(event.getContext().getExtra());
            putIfSet(context, "channel", event.getContext().getChannel());
            putIfSet(context, "source", event.getContext().getSource());
            call.set("context", context);
        }
        if (event.hasTimestamp()) {
            call.put("timestamp", ProtoTime.instant(event.getTimestamp()).toString());
        }
        return call;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }
}
