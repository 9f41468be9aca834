package dev.cdp.tag.catalogue;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.tag.catalogue.TagDefinition.DerivedCase;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagDefinition.Refresh;
import dev.cdp.tag.catalogue.TagDefinition.Status;
import dev.cdp.tag.catalogue.TagDefinition.TagType;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import dev.cdp.tag.compute.TagEngine;
import dev.cdp.tag.store.ProfileState;
import dev.cdp.tag.window.EventFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever an analyst defines, the catalogue refuses it with an {@link InvalidTagException}
 * naming the field (400), or it compiles with the rest of the catalogue and computes from any
 * event: a definition taken is one no consumer can fail on.
 */
class TagDefinitionPropertiesTest {

    private static final List<TagDefinition> DEFAULTS = DefaultCatalogue.tags();
    private static final Map<String, TagDefinition> CATALOGUE = byCode(DEFAULTS);
    private static final List<String> RULE_TEXT = List.of(
            "order_count_total >= 1",
            "total_spend > 100 AND vip = true",
            "last_channel IN ('app', 'web')",
            "nope >= ",
            "order_count_30d IS SET",
            "(",
            "lifecycle_stage = 'new'",
            "x = 1",
            "");

    @Property(tries = 1500)
    void aDefinitionIsRefusedNamingTheFieldOrComputesFromAnyEvent(@ForAll("definitions") TagDefinition tag) {
        // Not vacuous: a fair share of the generated definitions pass the validator and reach the engine.
        Statistics.coverage(coverage -> coverage.check("accepted").percentage(share -> share >= 10));
        try {
            CatalogueValidator.check(tag, CATALOGUE);
        } catch (InvalidTagException refused) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("accepted");
        List<TagDefinition> all = new ArrayList<>(DEFAULTS);
        all.removeIf(existing -> existing.code().equals(tag.code()));
        all.add(tag);
        TagEngine engine = TagEngine.of(all);
        ProfileState state = ProfileState.empty();
        Instant now = Instant.now();
        for (Event event : List.of(
                event("Order Completed", Map.of("revenue", 12.5, "category", "shoes")),
                event("Product Viewed", Map.of("category", "books", "revenue", "n/a")),
                event("Order Completed", Map.of()))) {
            engine.apply(state, EventFacts.of(event), now);
        }
        engine.values(state, now);
    }

    /** Mostly well-formed definitions of every kind, each field wrong now and then. */
    @Provide
    Arbitrary<TagDefinition> definitions() {
        return Arbitraries.of(Kind.class)
                .flatMap(kind -> switch (kind) {
                    case RULE ->
                        rules().flatMap(rule ->
                                valueTypeFor(rule).map(valueType -> definition(kind, valueType, rule, List.of())));
                    case DERIVED ->
                        derivedCase()
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(3)
                                .flatMap(cases -> Arbitraries.of(ValueType.STRING, ValueType.ENUM, ValueType.NUMBER)
                                        .map(valueType -> definition(kind, valueType, null, cases)));
                    case CUSTOM, MODEL ->
                        Arbitraries.of(ValueType.class).map(valueType -> definition(kind, valueType, null, List.of()));
                })
                .flatMap(tag -> Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.just(tag)),
                        Tuple.of(
                                1,
                                Arbitraries.of("Bad Code", "", "order_count_total")
                                        .map(code -> withCode(tag, code))),
                        Tuple.of(1, Arbitraries.of(Kind.class).map(kind -> withKind(tag, kind)))));
    }

    private static Arbitrary<RuleSpec> rules() {
        Arbitrary<String> where =
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(null)), Tuple.of(4, Arbitraries.of(RULE_TEXT)));
        Arbitrary<String> property = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("properties.revenue", "category", "revenue")),
                Tuple.of(2, Arbitraries.of("", "a b", "timestamp").injectNull(0.5)));
        Arbitrary<String> groupBy = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(null)), Tuple.of(2, Arbitraries.of("category", "")));
        Arbitrary<Integer> window = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(RuleSpec.WINDOWS)), Tuple.of(1, Arbitraries.of(-1, 2, 100_000)));
        Arbitrary<Integer> topN = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.integers().between(1, 100)), Tuple.of(1, Arbitraries.of(0, -3, 101)));
        return Combinators.combine(
                        Arbitraries.of(RuleSpec.Function.class),
                        Arbitraries.of("Order Completed", "Product Viewed", ""),
                        where,
                        property,
                        groupBy,
                        window,
                        topN)
                .as(RuleSpec::new);
    }

    /** What the function gives, mostly; now and then a type that does not fit. */
    private static Arbitrary<ValueType> valueTypeFor(RuleSpec rule) {
        boolean grouped = rule.groupBy() != null && !rule.groupBy().isBlank();
        ValueType gives = switch (rule.function()) {
            case COUNT, SUM -> grouped ? ValueType.WEIGHTED_MAP : ValueType.NUMBER;
            case MIN, MAX, DISTINCT_COUNT -> ValueType.NUMBER;
            case TOP_N -> ValueType.WEIGHTED_MAP;
            case FIRST, LAST, MOST_FREQUENT -> ValueType.STRING;
        };
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(gives)), Tuple.of(2, Arbitraries.of(ValueType.class)));
    }

    private static Arbitrary<DerivedCase> derivedCase() {
        return Combinators.combine(Arbitraries.of(RULE_TEXT), Arbitraries.of("gold", "silver", "12", ""))
                .as(DerivedCase::new);
    }

    private static TagDefinition definition(Kind kind, ValueType valueType, RuleSpec rule, List<DerivedCase> cases) {
        return new TagDefinition(
                "spend_band",
                "名称",
                "测试",
                null,
                TagType.BEHAVIOUR,
                valueType,
                List.of("gold", "silver"),
                kind,
                rule,
                cases,
                null,
                "tests",
                null,
                Status.ACTIVE,
                Refresh.REALTIME,
                1);
    }

    private static TagDefinition withCode(TagDefinition tag, String code) {
        return new TagDefinition(
                code,
                tag.name(),
                tag.category(),
                null,
                tag.type(),
                tag.valueType(),
                tag.enumValues(),
                tag.kind(),
                tag.rule(),
                tag.cases(),
                tag.otherwise(),
                tag.owner(),
                null,
                tag.status(),
                tag.refresh(),
                1);
    }

    private static TagDefinition withKind(TagDefinition tag, Kind kind) {
        return new TagDefinition(
                tag.code(),
                tag.name(),
                tag.category(),
                null,
                tag.type(),
                tag.valueType(),
                tag.enumValues(),
                kind,
                tag.rule(),
                tag.cases(),
                tag.otherwise(),
                tag.owner(),
                null,
                tag.status(),
                tag.refresh(),
                1);
    }

    private static Event event(String name, Map<String, Object> properties) {
        Struct.Builder props = Struct.newBuilder();
        properties.forEach((key, value) -> props.putFields(
                key,
                value instanceof Number n
                        ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
                        : Value.newBuilder().setStringValue(value.toString()).build()));
        Instant at = Instant.now();
        return Event.newBuilder()
                .setType(EventType.TRACK)
                .setMessageId(name + at.toEpochMilli())
                .setEvent(name)
                .setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setProperties(props)
                .build();
    }

    private static Map<String, TagDefinition> byCode(List<TagDefinition> tags) {
        Map<String, TagDefinition> byCode = new LinkedHashMap<>();
        tags.forEach(tag -> byCode.put(tag.code(), tag));
        return byCode;
    }
}
