package dev.cdp.tag.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.tag.catalogue.DefaultCatalogue;
import dev.cdp.tag.catalogue.RuleSpec;
import dev.cdp.tag.catalogue.RuleSpec.Function;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagDefinition.Refresh;
import dev.cdp.tag.catalogue.TagDefinition.Status;
import dev.cdp.tag.catalogue.TagDefinition.TagType;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import dev.cdp.tag.store.ProfileState;
import dev.cdp.tag.value.Value;
import dev.cdp.tag.window.EventFacts;
import dev.cdp.tag.window.WindowState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the engine computes from events, over windows, when time passes and when profiles merge. */
class TagEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final TagEngine engine = TagEngine.of(DefaultCatalogue.tags());

    @Test
    void ordersAndViewsBecomeCountsSumsLastValuesAndPreferences() {
        ProfileState state = ProfileState.empty();
        apply(state, view("shoes", NOW.minus(3, ChronoUnit.DAYS), "web"));
        apply(state, view("shoes", NOW.minus(2, ChronoUnit.DAYS), "app"));
        apply(state, view("bags", NOW.minus(1, ChronoUnit.DAYS), "app"));
        apply(state, order(19.99, "shoes", NOW.minus(1, ChronoUnit.HOURS), "app"));
        apply(state, order("5.01", "bags", NOW, "pos"));

        Map<String, Value> values = engine.values(state, NOW);
        assertEquals(Value.of(5.0), values.get("event_count_30d"));
        assertEquals(Value.of(2.0), values.get("order_count_30d"));
        assertEquals(Value.of(2.0), values.get("order_count_total"));
        assertEquals(
                Value.of(25.0),
                values.get("total_spend"),
                "text prices count; the binary drift of 19.99 + 5.01 is rounded off");
        assertEquals(Value.of(19.99), values.get("max_order_value"));
        assertEquals(Value.of("pos"), values.get("last_channel"));
        assertEquals(Value.of(NOW), values.get("last_order_at"));
        assertEquals(Value.of(NOW.minus(3, ChronoUnit.DAYS)), values.get("first_seen_at"));
        assertEquals(Value.of(3.0), values.get("channel_count_90d"));
        assertEquals(Value.of(Map.of("shoes", 2.0, "bags", 1.0)), values.get("browse_category_30d"));
        assertEquals(Value.of("shoes"), values.get("favourite_category_90d"));
        assertEquals(Value.of("app"), values.get("preferred_channel_90d"));
        assertEquals(Value.of(Map.of("bags", 1.0, "shoes", 1.0)), values.get("top_purchase_categories_365d"));
        assertEquals(Value.of("active"), values.get("lifecycle_stage"), "two orders, one this month");
        assertEquals(Value.of("high_potential"), values.get("member_tier"), "two orders in 90 days");
    }

    @Test
    void windowsAgeOutAsTimePassesWithoutNewEvents() {
        ProfileState state = ProfileState.empty();
        apply(state, order(10, "shoes", NOW.minus(20, ChronoUnit.DAYS), "web"));
        apply(state, order(10, "shoes", NOW.minus(5, ChronoUnit.DAYS), "web"));
        assertEquals(Value.of(2.0), engine.values(state, NOW).get("order_count_30d"));

        Instant next = engine.nextChange(state);
        assertEquals(
                Instant.parse("2026-12-08T00:00:00Z"),
                next,
                "the order of Nov 8 leaves the 30-day window when Dec 8 begins");
        assertEquals(
                Value.of(2.0), engine.values(copy(state), next.minusMillis(1)).get("order_count_30d"));

        Map<String, Value> later = engine.values(state, next);
        assertEquals(Value.of(1.0), later.get("order_count_30d"));
        assertEquals(Value.of(2.0), later.get("order_count_total"), "lifetime counts never age");
        assertEquals(
                Instant.parse("2026-12-23T00:00:00Z"),
                engine.nextChange(state),
                "the expired day was dropped from the state");

        Map<String, Value> muchLater = engine.values(state, NOW.plus(400, ChronoUnit.DAYS));
        assertEquals(Value.of(0.0), muchLater.get("order_count_30d"));
        assertEquals(Value.of(0.0), muchLater.get("order_count_365d"));
        assertEquals(Value.of("churned"), muchLater.get("lifecycle_stage"));
        assertEquals(Value.of("dormant"), muchLater.get("member_tier"));
        assertNull(muchLater.get("favourite_category_90d"));
        assertNull(engine.nextChange(state), "nothing windowed is left to expire");
    }

    @Test
    void aLateEventLandsInItsOwnDayAndOneBeforeTheWindowCountsOnlyForLifetimeTags() {
        ProfileState state = ProfileState.empty();
        apply(state, order(1, "shoes", NOW, "web"));
        apply(state, order(2, "shoes", NOW.minus(40, ChronoUnit.DAYS), "pos"));
        apply(state, order(3, "shoes", NOW.minus(10, ChronoUnit.DAYS), "pos"));

        Map<String, Value> values = engine.values(state, NOW);
        assertEquals(Value.of(2.0), values.get("order_count_30d"));
        assertEquals(Value.of(3.0), values.get("order_count_90d"));
        assertEquals(Value.of(3.0), values.get("order_count_total"));
        assertEquals(Value.of(6.0), values.get("total_spend"));
        assertEquals(Value.of("web"), values.get("last_channel"), "a late event does not move the last value back");
    }

    @Test
    void mergingStatesEqualsHavingSeenAllEventsOnOneProfile() {
        List<EventFacts> mine = List.of(
                order(10, "shoes", NOW.minus(3, ChronoUnit.DAYS), "web"),
                view("bags", NOW.minus(1, ChronoUnit.DAYS), "web"));
        List<EventFacts> theirs = List.of(
                order(20, "bags", NOW.minus(5, ChronoUnit.DAYS), "app"),
                view("bags", NOW.minus(2, ChronoUnit.HOURS), "app"));
        ProfileState survivor = ProfileState.empty();
        ProfileState absorbed = ProfileState.empty();
        ProfileState together = ProfileState.empty();
        mine.forEach(event -> apply(survivor, event));
        theirs.forEach(event -> apply(absorbed, event));
        List<EventFacts> all = new ArrayList<>(mine);
        all.addAll(theirs);
        all.forEach(event -> apply(together, event));
        survivor.values().put("vip", Value.of(true));
        absorbed.values().put("vip", Value.of(false));
        absorbed.values().put("crm_level", Value.of("gold"));

        TagEngine.merge(survivor, absorbed);
        Map<String, Value> merged = engine.values(survivor, NOW);
        Map<String, Value> expected = new HashMap<>(engine.values(together, NOW));
        expected.put("vip", Value.of(true));
        expected.put("crm_level", Value.of("gold"));
        assertEquals(expected, merged, "the survivor's own custom value wins; the absorbed one fills a gap");
    }

    @Test
    void filtersGroupingAndCustomRulesFollowTheDefinition() {
        TagDefinition bigShoeOrders = new TagDefinition(
                "big_shoe_orders_7d",
                "近7日大额鞋类订单",
                "交易标签",
                "订单",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                List.of(),
                Kind.RULE,
                new RuleSpec(
                        Function.COUNT,
                        "Order Completed",
                        "properties.category = 'shoes' AND properties.revenue >= 100",
                        null,
                        null,
                        7,
                        0),
                List.of(),
                null,
                "growth",
                "",
                Status.ACTIVE,
                Refresh.REALTIME,
                1);
        TagDefinition spendByChannel = new TagDefinition(
                "spend_by_channel_30d",
                "近30日分渠道消费",
                "交易标签",
                "金额",
                TagType.TRANSACTION,
                ValueType.WEIGHTED_MAP,
                List.of(),
                Kind.RULE,
                new RuleSpec(Function.SUM, "Order Completed", null, "properties.revenue", "channel", 30, 0),
                List.of(),
                null,
                "growth",
                "",
                Status.ACTIVE,
                Refresh.REALTIME,
                1);
        TagEngine custom = TagEngine.of(List.of(bigShoeOrders, spendByChannel));
        ProfileState state = ProfileState.empty();
        for (EventFacts event : List.of(
                order(150, "shoes", NOW, "web"),
                order(99, "shoes", NOW, "web"),
                order(300, "bags", NOW, "app"),
                order(120, "shoes", NOW.minus(8, ChronoUnit.DAYS), "app"))) {
            custom.apply(state, event, NOW);
        }
        Map<String, Value> values = custom.values(state, NOW);
        assertEquals(Value.of(1.0), values.get("big_shoe_orders_7d"));
        assertEquals(Value.of(Map.of("web", 249.0, "app", 420.0)), values.get("spend_by_channel_30d"));
        assertFalse(values.containsKey("order_count_total"), "only the catalogue's tags are computed");
    }

    @Test
    void retiredTagsAreNoLongerComputedAndTheirValuesAreDropped() {
        ProfileState state = ProfileState.empty();
        apply(state, order(10, "shoes", NOW, "web"));
        state.values().putAll(engine.values(state, NOW));
        List<TagDefinition> withoutMax = DefaultCatalogue.tags().stream()
                .map(tag -> tag.code().equals("max_order_value") ? tag.withStatus(Status.RETIRED, 2) : tag)
                .toList();

        Map<String, Value> values = TagEngine.of(withoutMax).values(state, NOW);
        assertFalse(values.containsKey("max_order_value"));
        assertFalse(state.rules().containsKey("max_order_value"), "its buckets go too");
        assertTrue(values.containsKey("total_spend"));
    }

    @Test
    void stateSurvivesItsJsonFormInRedis() throws Exception {
        ProfileState state = ProfileState.empty();
        apply(state, order(10, "shoes", NOW, "web"));
        apply(state, view("bags", NOW.minus(1, ChronoUnit.DAYS), "app"));
        ObjectMapper json = new ObjectMapper();
        ProfileState restored = ProfileState.empty();
        for (Map.Entry<String, WindowState> entry : state.rules().entrySet()) {
            restored.rules()
                    .put(entry.getKey(), json.readValue(json.writeValueAsString(entry.getValue()), WindowState.class));
        }
        assertEquals(engine.values(state, NOW), engine.values(restored, NOW));
    }

    private void apply(ProfileState state, EventFacts event) {
        engine.apply(state, event, NOW);
    }

    private ProfileState copy(ProfileState state) {
        ProfileState copy = ProfileState.empty();
        ObjectMapper json = new ObjectMapper();
        state.rules().forEach((code, buckets) -> {
            try {
                copy.rules().put(code, json.readValue(json.writeValueAsString(buckets), WindowState.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return copy;
    }

    static EventFacts order(Object revenue, String category, Instant at, String channel) {
        return event(
                "Order Completed", at, channel, Map.of("properties.revenue", revenue, "properties.category", category));
    }

    static EventFacts view(String category, Instant at, String channel) {
        return event("Product Viewed", at, channel, Map.of("properties.category", category));
    }

    private static EventFacts event(String name, Instant at, String channel, Map<String, Object> properties) {
        Map<String, Object> values = new HashMap<>(properties);
        values.replaceAll((key, value) -> value instanceof Integer number ? number.doubleValue() : value);
        values.put("event", name);
        values.put("type", "track");
        values.put("channel", channel);
        values.put("timestamp", at);
        return EventFacts.of(values, UUID.randomUUID().toString());
    }
}
