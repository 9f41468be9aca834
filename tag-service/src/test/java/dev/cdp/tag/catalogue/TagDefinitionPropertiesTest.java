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
import dev.cdp.tag.compute.EventFacts;
import dev.cdp.tag.compute.ProfileState;
import dev.cdp.tag.compute.TagEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever an analyst defines, the catalogue refuses it with an {@link InvalidTagException}
 * naming the field (400), or it compiles with the rest of the catalogue and computes from any
 * event: a definition taken is one no consumer can fail on.
 */
class TagDefinitionPropertiesTest {

    private static final List<TagDefinition> DEFAULTS = DefaultCatalogue.tags();
    private static final Map<String, TagDefinition> CATALOGUE = byCode(DEFAULTS);
    private static final List<String> RULE_TEXT = List.of("order_count_total >= 1", "total_spend > 100 AND vip = true",
            "last_channel IN ('app', 'web')", "nope >= ", "order_count_30d IS SET", "(", "lifecycle_stage = 'new'", "x = 1", "");

    @Property(tries = 1500)
    void aDefinitionIsRefusedNamingTheFieldOrComputesFromAnyEvent(@ForAll("definitions") TagDefinition tag) {
        try {
            CatalogueValidator.check(tag, CATALOGUE);
        } catch (InvalidTagException refused) {
            return;
        }
        List<TagDefinition> all = new ArrayList<>(DEFAULTS);
        all.removeIf(existing -> existing.code().equals(tag.code()));
        all.add(tag);
        TagEngine engine = TagEngine.of(all);
        ProfileState state = ProfileState.empty();
        Instant now = Instant.now();
        for (Event event : List.of(event("Order Completed", Map.of("revenue", 12.5, "category", "shoes")),
                event("Product Viewed", Map.of("category", "books", "revenue", "n/a")), event("Order Completed", Map.of()))) {
            engine.apply(state, EventFacts.of(event), now);
        }
        engine.values(state, now);
    }

    @Provide
    Arbitrary<TagDefinition> definitions() {
        Arbitrary<String> text = Arbitraries.of("Order Completed", "Product Viewed", "", "revenue", "properties.revenue", "category",
                "properties.category", "a b", "timestamp", "gold", "12");
        Arbitrary<RuleSpec> rule = Builders.withBuilder(() -> new Object[7])
                .use(Arbitraries.of(RuleSpec.Function.class)).in((a, f) -> set(a, 0, f))
                .use(text).in((a, t) -> set(a, 1, t))
                .use(Arbitraries.of(RULE_TEXT).injectNull(0.5)).in((a, t) -> set(a, 2, t))
                .use(text.injectNull(0.3)).in((a, t) -> set(a, 3, t))
                .use(text.injectNull(0.7)).in((a, t) -> set(a, 4, t))
                .use(Arbitraries.of(0, 1, 7, 30, 90, 365, -1, 2, 100_000)).in((a, w) -> set(a, 5, w))
                .use(Arbitraries.integers().between(-2, 60)).in((a, n) -> set(a, 6, n))
                .build(a -> new RuleSpec((RuleSpec.Function) a[0], (String) a[1], (String) a[2], (String) a[3], (String) a[4],
                        (Integer) a[5], (Integer) a[6]));
        Arbitrary<DerivedCase> derivedCase = Arbitraries.of(RULE_TEXT).flatMap(when -> text.map(value -> new DerivedCase(when, value)));
        return Builders.withBuilder(() -> new Object[9])
                .use(Arbitraries.of("spend_band", "Bad Code", "order_count_total", "x", "")).in((a, c) -> set(a, 0, c))
                .use(Arbitraries.of(TagType.class)).in((a, t) -> set(a, 1, t))
                .use(Arbitraries.of(ValueType.class)).in((a, t) -> set(a, 2, t))
                .use(Arbitraries.of("gold", "silver", "12").list().ofMaxSize(3)).in((a, l) -> set(a, 3, l))
                .use(Arbitraries.of(Kind.class)).in((a, k) -> set(a, 4, k))
                .use(rule.injectNull(0.2)).in((a, r) -> set(a, 5, r))
                .use(derivedCase.list().ofMaxSize(3)).in((a, l) -> set(a, 6, l))
                .use(text.injectNull(0.5)).in((a, o) -> set(a, 7, o))
                .use(Arbitraries.of("名称", "", "spend")).in((a, n) -> set(a, 8, n))
                .build(this::definition);
    }

    @SuppressWarnings("unchecked")
    private TagDefinition definition(Object[] a) {
        return new TagDefinition((String) a[0], (String) a[8], "测试", null, (TagType) a[1], (ValueType) a[2], (List<String>) a[3],
                (Kind) a[4], (RuleSpec) a[5], (List<DerivedCase>) a[6], (String) a[7], "tests", null, Status.ACTIVE, Refresh.REALTIME, 1);
    }

    private static Object[] set(Object[] values, int index, Object value) {
        values[index] = value;
        return values;
    }

    private static Event event(String name, Map<String, Object> properties) {
        Struct.Builder props = Struct.newBuilder();
        properties.forEach((key, value) -> props.putFields(key, value instanceof Number n
                ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
                : Value.newBuilder().setStringValue(value.toString()).build()));
        Instant at = Instant.now();
        return Event.newBuilder().setType(EventType.TRACK).setMessageId(name + at.toEpochMilli()).setEvent(name)
                .setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond())).setProperties(props).build();
    }

    private static Map<String, TagDefinition> byCode(List<TagDefinition> tags) {
        Map<String, TagDefinition> byCode = new LinkedHashMap<>();
        tags.forEach(tag -> byCode.put(tag.code(), tag));
        return byCode;
    }
}
