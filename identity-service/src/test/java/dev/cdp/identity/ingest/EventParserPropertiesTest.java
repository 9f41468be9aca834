package dev.cdp.identity.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Value;
import dev.cdp.identity.consent.ConsentVocabulary;
import dev.cdp.identity.identifiertype.DefaultIdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.source.Source;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a sender posts, the Segment parser accepts it or refuses it with an
 * {@link InvalidEventException} naming the field: never another exception (a 500), and nothing
 * it accepts is refused downstream for a reason it could have seen.
 */
class EventParserPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IdentifierTypes TYPES = new IdentifierTypes(DefaultIdentifierTypes.ALL, List.of("null"), "CN");
    private static final Source SOURCE = new Source("s-1", "shop", "web", "abcd…", null, true, null, Instant.EPOCH);
    private static final ConsentVocabulary CONSENT =
            new ConsentVocabulary(Set.of("marketing", "analytics"), Set.of("email", "sms"));
    private static final List<String> FIELDS = List.of(
            "type",
            "userId",
            "anonymousId",
            "event",
            "messageId",
            "timestamp",
            "traits",
            "properties",
            "context",
            "revenue",
            "total",
            "price",
            "quantity",
            "email",
            "phone",
            "channel",
            "consent",
            "batch",
            "previousId",
            "groupId",
            "name");

    @Property(tries = 3000)
    void anyJsonEventIsAcceptedOrRefusedNamingTheField(
            @ForAll("events") Map<String, Object> event, @ForAll("types") String type) throws Exception {
        byte[] body = JSON.writeValueAsBytes(event);
        Instant now = Instant.now();
        try {
            JsonNode node = EventParser.readJson(JSON, body, "body");
            Event parsed = EventParser.parse(
                            node, EventParser.typeOf(type), now, TYPES, SOURCE, CONSENT, EventLimits.SEGMENT)
                    .event();
            // What the tag rules rely on: a time inside the window and amounts that are numbers.
            if (parsed.hasTimestamp()) {
                Instant at = ProtoTime.instant(parsed.getTimestamp());
                assertFalse(
                        at.isBefore(Instant.EPOCH) || at.isAfter(now.plus(EventLimits.SEGMENT.maxFuture())),
                        "timestamp " + at);
            }
            parsed.getProperties()
                    .getFieldsMap()
                    .forEach((name, value) -> assertTrue(
                            value.getKindCase() != Value.KindCase.NUMBER_VALUE
                                    || Double.isFinite(value.getNumberValue()),
                            name));
        } catch (InvalidEventException refused) {
            // The refusal a sender gets as 400 or 413, naming the field.
        }
    }

    @Property(tries = 2000)
    void anyBytesAreReadAsJsonOrRefusedWithTheReason(@ForAll("bodies") byte[] body) {
        try {
            EventParser.readJson(JSON, body, "body");
        } catch (InvalidEventException refused) {
            // Not JSON, not UTF-8, too deep: 400 naming the body.
        }
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("identify", "track", "page", "screen", "group", "alias");
    }

    @Provide
    Arbitrary<Map<String, Object>> events() {
        return Arbitraries.maps(Arbitraries.of(FIELDS), value(3)).ofMaxSize(8).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> nearlyJson = Arbitraries.strings()
                .withChars("{}[]\":,0123456789.eE+-truefalsn \\u\0é")
                .ofMaxLength(64)
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, nearlyJson);
    }

    /** JSON values, nested up to {@code depth} objects and arrays. */
    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings()
                        .withChars("a@.+0\0\uD800\uFFFF 中")
                        .ofMaxLength(12)
                        .map(s -> (Object) s),
                Arbitraries.of(
                                "2024-02-30T00:00:00Z",
                                "1969-12-31T23:59:59Z",
                                "+999999999-12-31T23:59:59Z",
                                "2026-01-01",
                                "ada@example.com",
                                "+86 138 0013 8000",
                                "abc",
                                "1e400",
                                "NaN",
                                "")
                        .map(s -> (Object) s),
                Arbitraries.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 1e-320, 12.5)
                        .map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> object = Arbitraries.maps(Arbitraries.of(FIELDS), value(depth - 1))
                .ofMaxSize(4)
                .map(m -> (Object) m);
        Arbitrary<Object> array = value(depth - 1).list().ofMaxSize(3).map(l -> (Object) l);
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(2, object), Tuple.of(1, array));
    }
}
