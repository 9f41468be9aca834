package dev.cdp.identity.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentChoice;
import dev.cdp.identity.consent.ConsentVocabulary;
import dev.cdp.identity.consent.InvalidConsentException;
import dev.cdp.identity.identifiertype.IdentifierType;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.source.Source;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Context;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
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
    /** More would be a list of people, not one person's ids. */
    static final int MAX_EXTERNAL_IDS = 50;

    private static final String USER_ID = "user_id";
    private static final String ANONYMOUS_ID = "anonymous_id";
    private static final String DEVICE_ID = "device_id";

    private static final Map<String, EventType> TYPES = Map.of(
            "identify",
            EventType.IDENTIFY,
            "track",
            EventType.TRACK,
            "page",
            EventType.PAGE,
            "screen",
            EventType.SCREEN,
            "group",
            EventType.GROUP,
            "alias",
            EventType.ALIAS);

    private EventParser() {}

    public static EventType typeOf(String name) {
        EventType type = TYPES.get(name.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new InvalidEventException(
                    "type", "\"" + name + "\" is not one of identify, track, page, screen, group, alias");
        }
        return type;
    }

    /**
     * @param type the call type, or null to read it from the event's {@code type} field (batch)
     * @param types the identifier types in force
     * @param source the source whose write key sent it: its channel and name stand in for the
     *     event's own {@code context.channel} and {@code context.source} when those are absent
     * @param consent the purposes and channels {@code context.consent} may name
     * @param limits what an event may hold
     */
    public static ParsedEvent parse(
            JsonNode node,
            EventType type,
            Instant receivedAt,
            IdentifierTypes types,
            Source source,
            ConsentVocabulary consent,
            EventLimits limits) {
        return parse(node, type, receivedAt, types, source, consent, limits, true);
    }

    /**
     * An event the platform builds from a record of a system of record (a CRM member, a POS
     * customer): validated like a Segment call except that any identifier names the person, not
     * only userId or anonymousId, since such records rarely carry either.
     */
    public static ParsedEvent parseRecord(
            JsonNode node,
            EventType type,
            Instant receivedAt,
            IdentifierTypes types,
            Source source,
            ConsentVocabulary consent,
            EventLimits limits) {
        return parse(node, type, receivedAt, types, source, consent, limits, false);
    }

    /** @param segmentIds whether the Segment spec's rule holds: userId or anonymousId (userId for alias) required */
    private static ParsedEvent parse(
            JsonNode node,
            EventType type,
            Instant receivedAt,
            IdentifierTypes types,
            Source source,
            ConsentVocabulary consent,
            EventLimits limits,
            boolean segmentIds) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("event", "must be a JSON object");
        }
        limits.checkTree(node, "", 1);
        EventType callType = type != null ? type : typeOf(requiredString(node, "type"));
        Event.Builder event = Event.newBuilder()
                .setType(callType)
                .setMessageId(
                        optionalString(node, "messageId", 200, UUID.randomUUID().toString()))
                .setReceivedAt(ProtoTime.timestamp(receivedAt))
                .setTimestamp(ProtoTime.timestamp(optionalTimestamp(node, receivedAt, limits)));
        String userId = optionalString(node, "userId", MAX_ID_LENGTH, "");
        String anonymousId = optionalString(node, "anonymousId", MAX_ID_LENGTH, "");
        event.setUserId(userId).setAnonymousId(anonymousId);

        switch (callType) {
            case TRACK -> event.setEvent(requiredString(node, "event"));
            case PAGE, SCREEN -> event.setName(optionalString(node, "name", MAX_ID_LENGTH, ""));
            case GROUP -> event.setGroupId(requiredString(node, "groupId"));
            case ALIAS -> event.setPreviousId(requiredString(node, "previousId"));
            default -> {}
        }
        if (segmentIds
                && (callType == EventType.ALIAS ? userId.isEmpty() : userId.isEmpty() && anonymousId.isEmpty())) {
            throw callType == EventType.ALIAS
                    ? new InvalidEventException("userId", "is required for alias")
                    : new InvalidEventException("userId", "or anonymousId is required");
        }

        ObjectNode properties = optionalObject(node, "properties");
        ObjectNode traits = optionalObject(node, "traits");
        ObjectNode context = optionalObject(node, "context");
        ObjectNode contextTraits = optionalObject(context, "traits", "context.traits");
        EventLimits.checkAmounts(properties);
        event.setProperties(Structs.toStruct(properties)).setTraits(Structs.toStruct(traits));
        String channel = optionalString(context, "channel", 64, source.channel(), "context.channel");
        String sourceName = optionalString(context, "source", 128, source.name(), "context.source");
        ObjectNode extra = context.deepCopy();
        extra.remove(List.of("channel", "source"));
        event.setContext(
                Context.newBuilder().setChannel(channel).setSource(sourceName).setExtra(Structs.toStruct(extra)));

        // Segment puts identify traits at the top level and other calls' traits in context.traits.
        ObjectNode profileTraits = contextTraits.deepCopy();
        profileTraits.setAll(traits);

        Identifiers identifiers = new Identifiers(types);
        identifiers.add(USER_ID, userId, "userId");
        identifiers.add(ANONYMOUS_ID, anonymousId, "anonymousId");
        if (callType == EventType.ALIAS) {
            identifiers.add(ANONYMOUS_ID, event.getPreviousId(), "previousId");
        }
        for (IdentifierType idType : types.byPriority()) {
            // userId and anonymousId have fields of their own; every other type may be a trait.
            if (!idType.name().equals(USER_ID) && !idType.name().equals(ANONYMOUS_ID)) {
                addTrait(identifiers, idType.name(), traits, contextTraits);
            }
        }
        addExternalIds(identifiers, context.get("externalIds"), types);
        ObjectNode device = optionalObject(context, "device", "context.device");
        identifiers.add(
                DEVICE_ID, optionalString(device, "id", MAX_ID_LENGTH, "", "context.device.id"), "context.device.id");
        identifiers.add(
                DEVICE_ID,
                optionalString(device, "advertisingId", MAX_ID_LENGTH, "", "context.device.advertisingId"),
                "context.device.advertisingId");
        List<ConsentChoice> consents;
        try {
            consents = consent.parse(context.get("consent"), "context.consent");
        } catch (InvalidConsentException e) {
            throw new InvalidEventException(e.field(), e.reason());
        }
        Event built = event.build();
        limits.checkSize(built.getSerializedSize(), "event");
        return new ParsedEvent(built, identifiers.linkable(), profileTraits, consents);
    }

    /**
     * Reads a call's JSON.
     *
     * @param what what the text is, named in errors ("body" of a request, "value" of a Kafka record)
     */
    public static JsonNode readJson(ObjectMapper json, String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidEventException(what, "is empty; send a JSON object");
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's own limits (nesting, number length) fail without a location.
            JsonLocation at = e.getLocation();
            throw new InvalidEventException(
                    what,
                    "is not valid JSON: " + e.getOriginalMessage()
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
    }

    /**
     * Reads a call's JSON from its bytes, which must be UTF-8: text decoded leniently would store
     * an id altered (replacement characters) and never find it again.
     */
    public static JsonNode readJson(ObjectMapper json, byte[] bytes, String what) {
        return readJson(json, bytes == null ? null : utf8(bytes, what), what);
    }

    private static String utf8(byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidEventException(what, "is not valid UTF-8 at byte " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Whether a call is a Segment batch, {@code {"batch": [...]}}, rather than one event. */
    public static boolean isBatch(JsonNode call) {
        return call.isObject() && call.has("batch");
    }

    /** The events of a batch call. */
    public static JsonNode batchEvents(JsonNode call) {
        if (!call.isObject() || !call.path("batch").isArray()) {
            throw new InvalidEventException("batch", "must be a JSON array of events");
        }
        return call.get("batch");
    }

    /**
     * Validates each event of a batch on its own (its {@code type} field names its call), with
     * the batch's {@code context} under each event's own.
     */
    public static EventBatch parseBatch(
            JsonNode call,
            Instant receivedAt,
            IdentifierTypes types,
            Source source,
            ConsentVocabulary consent,
            EventLimits limits) {
        JsonNode events = batchEvents(call);
        List<ParsedEvent> valid = new ArrayList<>(events.size());
        List<EventBatch.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                valid.add(parse(
                        withBatchContext(events.get(i), call.get("context")),
                        null,
                        receivedAt,
                        types,
                        source,
                        consent,
                        limits));
            } catch (InvalidEventException e) {
                rejected.add(new EventBatch.Rejected(i, e));
            }
        }
        return new EventBatch(events.size(), valid, rejected);
    }

    /** Segment lets a batch carry one context for all its events; an event's own keys win. */
    private static JsonNode withBatchContext(JsonNode event, JsonNode batchContext) {
        if (batchContext == null || !batchContext.isObject() || !event.isObject()) {
            return event;
        }
        ObjectNode merged = ((ObjectNode) batchContext).deepCopy();
        JsonNode own = event.get("context");
        if (own != null && own.isObject()) {
            merged.setAll((ObjectNode) own);
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.set("context", merged);
        return copy;
    }

    private static void addTrait(Identifiers out, String type, ObjectNode traits, ObjectNode contextTraits) {
        boolean top = traits.has(type);
        JsonNode value = top ? traits.get(type) : contextTraits.get(type);
        out.add(
                type,
                idText(value, (top ? "traits." : "context.traits.") + type),
                (top ? "traits." : "context.traits.") + type);
    }

    /** Segment's {@code context.externalIds}: [{"id": "c-1", "type": "crm_id", "collection": "users", "encoding": "none"}]. */
    private static void addExternalIds(Identifiers out, JsonNode externalIds, IdentifierTypes types) {
        if (externalIds == null || externalIds.isNull()) {
            return;
        }
        if (!externalIds.isArray()) {
            throw new InvalidEventException(
                    "context.externalIds", "must be a JSON array of {\"id\", \"type\"}, got " + kind(externalIds));
        }
        if (externalIds.size() > MAX_EXTERNAL_IDS) {
            throw new InvalidEventException(
                    "context.externalIds", "holds " + externalIds.size() + " ids; the limit is " + MAX_EXTERNAL_IDS);
        }
        for (int i = 0; i < externalIds.size(); i++) {
            String path = "context.externalIds[" + i + "]";
            JsonNode entry = externalIds.get(i);
            if (!entry.isObject()) {
                throw new InvalidEventException(
                        path, "must be a JSON object such as {\"id\": \"c-1\", \"type\": \"crm_id\"}");
            }
            String type = requiredString(entry, "type", path + ".type");
            if (!types.isKnown(type)) {
                throw new InvalidEventException(path + ".type", types.unknownTypeMessage(type));
            }
            String encoding = optionalString(entry, "encoding", 32, "none", path + ".encoding");
            if (!encoding.equals("none")) {
                throw new InvalidEventException(
                        path + ".encoding", "\"" + encoding + "\" is not supported; send the id as it is (\"none\")");
            }
            // Segment's "accounts" collection names groups, not people: nothing to link a person on.
            if (optionalString(entry, "collection", 32, "users", path + ".collection")
                    .equals("users")) {
                String id = idText(entry.get("id"), path + ".id");
                if (id.isEmpty()) {
                    throw new InvalidEventException(path + ".id", "is required");
                }
                out.add(type, id, path + ".id");
            }
        }
    }

    /** The text of an id: a string, or a whole number (card numbers often arrive as numbers); "" when absent. */
    private static String idText(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field, "must be a string, got " + kind(value));
        }
        if (value.textValue().length() > MAX_ID_LENGTH) {
            throw new InvalidEventException(field, "is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value.textValue();
    }

    /** The identifiers of one event, normalised; placeholders are left out (and noted), never linked on. */
    private static final class Identifiers {

        private final IdentifierTypes types;
        private final List<IdentifierValue> linkable = new ArrayList<>(4);
        private final List<String> placeholders = new ArrayList<>(1);

        Identifiers(IdentifierTypes types) {
            this.types = types;
        }

        void add(String type, String raw, String field) {
            if (raw.isEmpty()) {
                return;
            }
            IdentifierValue identifier;
            try {
                identifier = types.value(type, raw);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(field, e.getMessage());
            }
            if (types.isBlocked(identifier)) {
                placeholders.add(field);
            } else {
                linkable.add(identifier);
            }
        }

        List<IdentifierValue> linkable() {
            if (linkable.isEmpty() && placeholders.isEmpty()) {
                throw new InvalidEventException(
                        "traits",
                        "name no identifier; send at least one of "
                                + types.byPriority().stream()
                                        .map(IdentifierType::name)
                                        .toList());
            }
            if (linkable.isEmpty()) {
                throw new InvalidEventException(
                        placeholders.get(0),
                        "is a placeholder value, not an identifier;"
                                + " send the person's real userId or the SDK's anonymousId");
            }
            return List.copyOf(linkable);
        }
    }

    private static String requiredString(JsonNode node, String field) {
        return requiredString(node, field, field);
    }

    private static String requiredString(JsonNode node, String field, String path) {
        String value = optionalString(node, field, MAX_ID_LENGTH, "", path);
        if (value.isBlank()) {
            throw new InvalidEventException(path, "is required");
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

    private static Instant optionalTimestamp(JsonNode node, Instant receivedAt, EventLimits limits) {
        JsonNode value = node.get("timestamp");
        if (value == null || value.isNull()) {
            return receivedAt;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("timestamp", "must be an ISO-8601 string, got " + kind(value));
        }
        try {
            Instant timestamp = IsoTimestamps.parse(value.textValue());
            limits.checkTimestamp(timestamp, receivedAt, value.textValue());
            return timestamp;
        } catch (DateTimeException e) {
            throw new InvalidEventException(
                    "timestamp",
                    "\"" + value.textValue() + "\" is not an ISO-8601 date-time such as 2026-11-28T10:15:30Z");
        }
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
