package dev.cdp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DID conditions: what they read, how they decide, how they print, and what they refuse. */
class BehaviourTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aCountReadsTheTagComputedFromTheEventsItNames() {
        Rule rule = Rule.compile(
                "DID \"Product Viewed\" WHERE properties.category = 'skincare' AT LEAST 3 TIMES IN 7 DAYS");
        Behaviour.Did did = (Behaviour.Did) rule.condition();
        EventTag tag = did.tag();
        assertEquals("COUNT", tag.function());
        assertEquals("Product Viewed", tag.event());
        assertEquals("properties.category = 'skincare'", tag.where());
        assertEquals(7, tag.windowDays());
        assertTrue(tag.code().matches("bhv_[0-9a-f]{20}"), tag.code());
        assertEquals(java.util.Set.of(tag.code()), rule.names());
        assertTrue(rule.matches(Map.of(tag.code(), 3L)));
        assertFalse(rule.matches(Map.of(tag.code(), 2L)));
        assertFalse(rule.matches(Map.of()));
        assertFalse(rule.isTimeRelative());
    }

    @Test
    void equalBehavioursShareATagAndAnyDifferenceMakesAnother() {
        String a = ((Behaviour)
                        Rule.compile("DID \"Order Completed\" IN 30 DAYS").condition())
                .tags()
                .get(0)
                .code();
        String b = ((Behaviour) Rule.compile("did 'Order Completed' at least 2 times in 30 days")
                        .condition())
                .tags()
                .get(0)
                .code();
        String c = ((Behaviour)
                        Rule.compile("DID \"Order Completed\" IN 7 DAYS").condition())
                .tags()
                .get(0)
                .code();
        String d = ((Behaviour) Rule.compile("DID \"Order Completed\" WHERE channel = 'app' IN 30 DAYS")
                        .condition())
                .tags()
                .get(0)
                .code();
        assertEquals(a, b);
        assertEquals(4, java.util.Set.of(a, c, d, "x").size());
    }

    @Test
    void noEventsCountZero() {
        Rule didNot = Rule.compile("DID NOT \"Order Completed\" IN 7 DAYS");
        String code = ((Behaviour) didNot.condition()).tags().get(0).code();
        assertTrue(didNot.matches(Map.of()));
        assertTrue(didNot.matches(Map.of(code, 0L)));
        assertFalse(didNot.matches(Map.of(code, 1L)));
        Rule atMost = Rule.compile("DID \"Order Completed\" AT MOST 2 TIMES IN 7 DAYS");
        assertTrue(atMost.matches(Map.of()));
        assertTrue(atMost.matches(Map.of(code, 2L)));
        assertFalse(atMost.matches(Map.of(code, 3L)));
        Behaviour.Did did = (Behaviour.Did) didNot.condition();
        assertEquals(
                Condition.any(List.of(
                        new Condition.Presence(code, false),
                        new Condition.Compare(code, Operator.EQ, new Literal.Number(0)))),
                did.onTag());
    }

    @Test
    void aSumComparesTheTotalOfAProperty() {
        Rule rule = Rule.compile("DID \"Order Completed\" WITH SUM(properties.revenue) >= 500 IN 30 DAYS");
        EventTag tag = ((Behaviour.Did) rule.condition()).tag();
        assertEquals("SUM", tag.function());
        assertEquals("properties.revenue", tag.property());
        assertTrue(rule.matches(Map.of(tag.code(), 500.0)));
        assertFalse(rule.matches(Map.of(tag.code(), 499.99)));
        assertFalse(rule.matches(Map.of()));
    }

    @Test
    void aSequenceHoldsOnceTheLatestFirstEventWentUnfollowedForTheSpan() {
        Behaviour.ThenNot sequence =
                (Behaviour.ThenNot) Rule.compile("DID \"Cart Added\" THEN NOT \"Order Completed\" WITHIN 2 HOURS")
                        .condition();
        String cart = sequence.firstTag().code();
        String order = sequence.thenTag().code();
        assertEquals("LAST", sequence.firstTag().function());
        assertEquals("timestamp", sequence.firstTag().property());
        assertEquals(0, sequence.firstTag().windowDays());
        Context context = Context.at(NOW);
        Instant threeHoursAgo = NOW.minus(Duration.ofHours(3));
        assertTrue(sequence.test(Map.of(cart, threeHoursAgo), context), "added, never ordered");
        assertFalse(sequence.test(Map.of(cart, NOW.minus(Duration.ofHours(1))), context), "still within the span");
        assertFalse(sequence.test(Map.of(cart, threeHoursAgo, order, NOW.minus(Duration.ofHours(2))), context));
        assertFalse(sequence.test(Map.of(cart, threeHoursAgo, order, threeHoursAgo), context), "ordered at once");
        assertTrue(
                sequence.test(Map.of(cart, threeHoursAgo, order, NOW.minus(Duration.ofDays(2))), context),
                "the order came before this cart");
        assertFalse(sequence.test(Map.of(order, threeHoursAgo), context), "no cart");
        assertTrue(Rule.of(sequence).isTimeRelative());
    }

    @Test
    void behavioursPrintAsTextThatReadsBack() {
        for (String text : List.of(
                "DID \"Product Viewed\" WHERE properties.category = 'skincare' AT LEAST 3 TIMES IN 7 DAYS",
                "DID NOT \"Order Completed\" IN 1 DAY",
                "DID \"Order Completed\" WHERE (channel = 'app' OR channel = 'web') IN 30 DAYS AND vip = true",
                "DID \"Order Completed\" WITH SUM(properties.revenue) > 99.5 IN 365 DAYS",
                "DID \"Cart Added\" WHERE properties.sku = 'a' THEN NOT \"Order Completed\" WITHIN 2 HOURS",
                "NOT DID \"Say \\\"hi\\\"\" AT MOST 4 TIMES IN 90 DAYS")) {
            Rule rule = Rule.compile(text);
            assertEquals(text, rule.text());
            assertEquals(rule.condition(), Rule.compile(rule.condition().text()).condition(), text);
        }
        assertEquals(
                "DID \"A\" IN 7 DAYS",
                Rule.compile("DID 'A' AT LEAST 1 TIME IN 7 DAYS").condition().text());
    }

    @Test
    void behaviourWordsAreKeywordsOnlyInABehaviour() {
        Rule rule = Rule.compile("sum > 1 AND did = 'x' AND times IS SET");
        assertEquals(java.util.Set.of("sum", "did", "times"), rule.names());
    }

    @Test
    void explainingABehaviourShowsWhatItCounted() {
        Behaviour.Did did = (Behaviour.Did)
                Rule.compile("DID \"A\" AT LEAST 2 TIMES IN 7 DAYS").condition();
        Explanation explanation = Explanation.of(did, Map.of(did.tag().code(), 1L), Context.at(NOW));
        assertEquals(1L, explanation.value());
        assertFalse(explanation.result());
        assertEquals(0.0, Explanation.of(did, Map.of(), Context.at(NOW)).value());
    }

    @Test
    void badBehavioursAreRefusedWithThePositionAndTheReason() {
        assertError(
                "DID \"A\" IN 14 DAYS",
                "14 days is not a window: behaviour counts over 1, 7, 30, 90 or 365 days at position 11");
        assertError(
                "DID \"A\" AT LEAST 0 TIMES IN 7 DAYS",
                "AT LEAST counts from 1; for none write DID NOT at position 17");
        assertError("DID \"A\" AT LEAST 2 IN 7 DAYS", "expected TIMES after 2 at position 19");
        assertError("DID \"\" IN 7 DAYS", "the event's name is empty at position 4");
        assertError("DID \"A\" 7 DAYS", "expected IN and a window of days, as in DID \"A\" IN 7 DAYS at position 8");
        assertError(
                "DID \"A\" WHERE category = 'x' IN 7 DAYS",
                "'category' is no field of an event; a WHERE filter reads channel, type, properties.<name> or"
                        + " traits.<name> (properties.category?) at position 14");
        assertError(
                "DID \"A\" WHERE IN SEGMENT 'vip' IN 7 DAYS",
                "a WHERE filter reads the event's own fields; it cannot hold DID or IN SEGMENT at position 14");
        assertError(
                "DID NOT \"A\" AT LEAST 2 TIMES IN 7 DAYS",
                "DID NOT takes no AT LEAST, AT MOST or WITH SUM at position 12");
        assertError(
                "DID \"A\" THEN \"B\" WITHIN 2 HOURS",
                "expected NOT after THEN: a sequence is DID \"Cart Added\" THEN NOT \"Order Completed\" WITHIN 2 HOURS"
                        + " at position 13");
        assertError(
                "DID \"A\" WITH SUM(revenue) > 1 IN 7 DAYS",
                "expected the property summed, as in SUM(properties.revenue) at position 17");
        assertNotEquals(null, Rule.compile("did = 1"));
    }

    private static void assertError(String text, String message) {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> Rule.compile(text));
        assertEquals(message, error.getMessage());
    }
}
