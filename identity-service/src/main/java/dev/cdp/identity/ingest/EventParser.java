package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.profile.IdentifierType;
import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Context;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Validates one Segment-spec call and turns it into an {@link Event} plus the identifiers it
 * names. Every rejection names the offending field.
 */
public final class EventParser {

    static final int MAX_ID_LENGTH = 512;
    static final String DEFAULT_CHANNEL = "api";

    private static final Map<String, EventType> TYPES = Map.of(
            "identify", EventType.IDENTIFY, "track", EventType.TRACK, "page", EventType.PAGE,
            "screen", EventType.SCREEN, "group", EventType.GROUP, "alias", EventType.ALIAS);

    private EventParser() {
    }

    public static EventType typeOf(String name) {
        EventType type = TYPES.get(name.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new InvalidEventException("type", "\"" + name + "\" is not one of identify, track, page, screen, group, alias");
        }
        return type;
    }

    /**
     * @param type the call type, or null to read it from the event's {@code type} field (batch)
     */
    public static ParsedEvent parse(JsonNode node, EventType type, Instant receivedAt) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("event", "must be a JSON object");
        }
        EventType callType = type != null ? type : typeOf(requiredString(node, "type"));
        Event.Builder event = Event.newBuilder()
                .setType(callType)
                .setMessageId(optionalString(node, "messageId", 200, UUID.randomUUID().toString()))
                .setReceivedAt(ProtoTime.timestamp(receivedAt))
                .setTimestamp(ProtoTime.timestamp(optionalTimestamp(node, receivedAt)));
        String userId = optionalString(node, "userId", MAX_ID_LENGTH, "");
        String anonymousId = optionalString(node, "anonymousId", MAX_ID_LENGTH, "");
        event.setUserId(userId).setAnonymousId(anonymousId);

        switch (callType) {
            case TRACK -> event.setEvent(requiredString(node, "event"));
            case PAGE, SCREEN -> event.setName(optionalString(node, "name", MAX_ID_LENGTH, ""));
            case GROUP -> event.setGroupId(requiredString(node, "groupId"));
            case ALIAS -> event.setPreviousId(requiredString(node, "previousId"));
            default -> { }
        }
        if (callType == EventType.ALIAS ? userId.isEmpty() : userId.isEmpty() && anonymousId.isEmpty()) {
            throw callType == EventType.ALIAS
                    ? new InvalidEventException("userId", "is required for alias")
                    : new InvalidEventException("userId", "or anonymousId is required");
        }

        ObjectNode properties = optionalObject(node, "properties");
        ObjectNode traits = optionalObject(node, "traits");
        ObjectNode context = optionalObject(node, "context");
        ObjectNode contextTraits = optionalObject(context, "traits", "context.traits");
        event.setProperties(Structs.toStruct(properties)).setTraits(Structs.toStruct(traits));
        String channel = optionalString(context, "channel", 64, DEFAULT_CHANNEL, "context.channel");
        String source = optionalString(context, "source", 128, "", "context.source");
        ObjectNode extra = context.deepCopy();
        extra.remove(List.of("channel", "source"));
        event.setContext(Context.newBuilder().setChannel(channel).setSource(source).setExtra(Structs.toStruct(extra)));

        // Segment puts identify traits at the top level and other calls' traits in context.traits.
        ObjectNode profileTraits = contextTraits.deepCopy();
        profileTraits.setAll(traits);

        List<IdentifierValue> identifiers = new ArrayList<>(4);
        List<String> placeholders = new ArrayList<>(1);
        addIdentifier(identifiers, placeholders, IdentifierType.USER_ID, userId, "userId");
        addIdentifier(identifiers, placeholders, IdentifierType.ANONYMOUS_ID, anonymousId, "anonymousId");
        if (callType == EventType.ALIAS) {
            addIdentifier(identifiers, placeholders, IdentifierType.ANONYMOUS_ID, event.getPreviousId(), "previousId");
        }
        addTraitIdentifier(identifiers, placeholders, IdentifierType.EMAIL, traits, contextTraits, "email");
        addTraitIdentifier(identifiers, placeholders, IdentifierType.PHONE, traits, contextTraits, "phone");
        if (identifiers.isEmpty()) {
            throw new InvalidEventException(placeholders.get(0), "is a placeholder value, not an identifier;"
                    + " send the person's real userId or the SDK's anonymousId");
        }
        return new ParsedEvent(event.build(), List.copyOf(identifiers), profileTraits);
    }

    private static void addTraitIdentifier(List<IdentifierValue> out, List<String> placeholders, IdentifierType type,
            ObjectNode traits, ObjectNode contextTraits, String name) {
        boolean top = traits.has(name);
        JsonNode value = top ? traits.get(name) : contextTraits.get(name);
        String field = (top ? "traits." : "context.traits.") + name;
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field, "must be a string, got " + kind(value));
        }
        addIdentifier(out, placeholders, type, value.textValue(), field);
    }

    /** Adds the identifier; a placeholder such as "undefined" is left out (and noted), never linked on. */
    private static void addIdentifier(List<IdentifierValue> out, List<String> placeholders, IdentifierType type, String raw,
            String field) {
        if (raw.isEmpty()) {
            return;
        }
        IdentifierValue identifier;
        try {
            identifier = IdentifierValue.of(type, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, e.getMessage());
        }
        if (IdentifierType.isPlaceholder(identifier.value())) {
            placeholders.add(field);
        } else {
            out.add(identifier);
        }
    }

    private static String requiredString(JsonNode node, String field) {
        String value = optionalString(node, field, MAX_ID_LENGTH, "");
        if (value.isBlank()) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field, int maxLength, String fallback) {
        return optionalString(node, field, maxLength, fallback, field);
    }

    private static String optionalString(JsonNode node, String field, int maxLength, String fallback, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(path, "must be a string, got " + kind(value));
        }
        if (value.textValue().length() > maxLength) {
            throw new InvalidEventException(path, "is longer than " + maxLength + " characters");
        }
        return value.textValue();
    }

    private static ObjectNode optionalObject(JsonNode node, String field) {
        return optionalObject(node, field, field);
    }

    private static ObjectNode optionalObject(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw new InvalidEventException(path, "must be a JSON object, got " + kind(value));
        }
        return (ObjectNode) value;
    }

    private static Instant optionalTimestamp(JsonNode node, Instant fallback) {
        JsonNode value = node.get("timestamp");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("timestamp", "must be an ISO-8601 string, got " + kind(value));
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("timestamp", "\"" + value.textValue() + "\" is not an ISO-8601 date-time such as 2026-11-28T10:15:30Z");
        }
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
