package dev.cdp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audience conditions an analyst writes: lists, ranges, text, relative time and other segments. */
class RuleLanguageTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static boolean matches(String rule, Map<String, Object> values) {
        return Rule.compile(rule).matches(values, new Context(NOW, segment -> segment.equals("vip")));
    }

    @Test
    void inAndNotInTestListsOfOneKind() {
        assertTrue(matches("city IN ('Shanghai', 'Beijing')", Values.map("city", "Beijing")));
        assertFalse(matches("city IN ('Shanghai', 'Beijing')", Values.map("city", "Hangzhou")));
        assertTrue(matches("city NOT IN ('Shanghai', 'Beijing')", Values.map("city", "Hangzhou")));
        assertFalse(matches("city NOT IN ('Shanghai')", Values.map()), "NOT IN holds only for a value that is there");
        assertTrue(matches("level IN (1, 2, 3)", Values.map("level", 2)));
        assertEquals(
                "the list mixes kinds of values; write all numbers, all text or all true/false at position 16",
                assertThrows(RuleSyntaxException.class, () -> Rule.compile("level IN (1, 2, 'x')"))
                        .getMessage());
    }

    @Test
    void betweenIncludesBothEnds() {
        assertTrue(matches("total_spend BETWEEN 100 AND 500", Values.map("total_spend", 100)));
        assertTrue(matches("total_spend BETWEEN 100 AND 500", Values.map("total_spend", 500)));
        assertFalse(matches("total_spend BETWEEN 100 AND 500", Values.map("total_spend", 500.01)));
        assertTrue(
                matches("total_spend BETWEEN 100 AND 500 AND vip = true", Values.map("total_spend", 200, "vip", true)),
                "the AND of BETWEEN is not the AND of two conditions");
    }

    @Test
    void containsReadsTextAndTheKeysOfWeightedMaps() {
        assertTrue(matches("email CONTAINS '@corp.example'", Values.map("email", "ada@corp.example")));
        assertTrue(
                matches("interests CONTAINS 'skincare'", Values.map("interests", Map.of("skincare", 3, "shoes", 0))));
        assertFalse(matches("interests CONTAINS 'shoes'", Values.map("interests", Map.of("skincare", 3, "shoes", 0))));
    }

    @Test
    void relativeTimeCountsBackFromNow() {
        Map<String, Object> ordered10DaysAgo = Values.map("last_order_at", NOW.minus(Duration.ofDays(10)));
        assertTrue(matches("last_order_at WITHIN 30 DAYS", ordered10DaysAgo));
        assertFalse(matches("last_order_at WITHIN 7 DAYS", ordered10DaysAgo));
        assertTrue(matches("last_order_at BEFORE 7 DAYS AGO", ordered10DaysAgo));
        assertFalse(matches("last_order_at BEFORE 90 DAYS AGO", ordered10DaysAgo));
        assertTrue(matches("last_order_at WITHIN 241 HOURS", ordered10DaysAgo));
        assertTrue(Rule.compile("last_order_at WITHIN 30 DAYS").isTimeRelative());
        assertFalse(Rule.compile("total_spend > 1").isTimeRelative());
        assertEquals(
                "the span 0 DAYS is not from 1 hour to 3660 days at position 21",
                assertThrows(RuleSyntaxException.class, () -> Rule.compile("last_order_at WITHIN 0 DAYS"))
                        .getMessage());
        assertEquals(
                "expected DAYS or HOURS after 30 at position 24",
                assertThrows(RuleSyntaxException.class, () -> Rule.compile("last_order_at WITHIN 30 WEEKS"))
                        .getMessage());
    }

    @Test
    void inSegmentAsksTheContext() {
        assertTrue(matches("IN SEGMENT 'vip' AND NOT IN SEGMENT 'churned'", Values.map()));
        assertEquals(
                Set.of("vip", "churned"),
                Rule.compile("IN SEGMENT 'vip' OR IN SEGMENT 'churned'").segments());
        assertFalse(
                Rule.compile("IN SEGMENT 'vip'").matches(Values.map()), "without a context a profile is in no segment");
    }

    @Test
    void everyConditionPrintsInOneCanonicalForm() {
        assertEquals(
                "a = 1 AND b = 2 AND c = 3",
                Rule.compile("(a = 1 AND b = 2) and c = 1.0e0".replace("1.0e0", "3"))
                        .condition()
                        .text());
        assertEquals(
                "NOT (a = 1 OR b IN ('x', 'it\\'s')) AND last_order_at BEFORE 2 HOURS AGO",
                Rule.compile("not (a = 1 or b in ('x', \"it's\")) AND last_order_at before 2 hours ago")
                        .condition()
                        .text());
        assertEquals(
                "total_spend BETWEEN 0.5 AND 100 AND IN SEGMENT 'vip' AND x WITHIN 1 DAY",
                Rule.compile("total_spend BETWEEN 0.50 AND 100.0 AND IN SEGMENT 'vip' AND x WITHIN 24 HOURS")
                        .condition()
                        .text());
    }

    @Test
    void anExplanationShowsEachConditionWithTheValueItReadAndItsResult() {
        Condition rule = Rule.compile("total_spend > 100 AND (city IN ('Shanghai') OR NOT vip = true)")
                .condition();
        Explanation why = Explanation.of(
                rule, Values.map("total_spend", 150, "city", "Hangzhou", "vip", true), new Context(NOW, s -> false));

        assertFalse(why.result());
        assertEquals("total_spend > 100", why.parts().get(0).condition());
        assertTrue(why.parts().get(0).result());
        assertEquals(150, why.parts().get(0).value());
        Explanation either = why.parts().get(1);
        assertFalse(either.result());
        assertEquals("Hangzhou", either.parts().get(0).value());
        assertEquals("NOT vip = true", either.parts().get(1).condition());
        assertTrue(either.parts().get(1).parts().get(0).result(), "vip = true holds, so its NOT does not");
    }
}
