package dev.cdp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a compiled rule decides for a profile's tags. */
class RuleTest {

    @Test
    void theDocumentedExampleMatchesBuyersWhoSpendOrCameFromElsewhere() {
        Rule rule = Rule.compile("order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')");

        assertTrue(rule.matches(Values.map("order_count_30d", 2, "total_spend", 150, "last_channel", "app")));
        assertTrue(rule.matches(Values.map("order_count_30d", 1, "total_spend", 20, "last_channel", "web")));
        assertFalse(rule.matches(Values.map("order_count_30d", 1, "total_spend", 20, "last_channel", "app")));
        assertFalse(rule.matches(Values.map("order_count_30d", 0, "total_spend", 500, "last_channel", "web")));
        assertEquals("order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')", rule.text());
    }

    @Test
    void andBindsTighterThanOr() {
        Rule rule = Rule.compile("a = 1 OR b = 1 AND c = 1");

        assertTrue(rule.matches(Values.map("a", 1, "b", 0, "c", 0)), "a = 1 OR (b = 1 AND c = 1)");
        assertFalse(rule.matches(Values.map("a", 0, "b", 1, "c", 0)));
        assertTrue(rule.matches(Values.map("a", 0, "b", 1, "c", 1)));
    }

    @Test
    void parenthesesOverridePrecedence() {
        Rule rule = Rule.compile("(a = 1 OR b = 1) AND c = 1");

        assertFalse(rule.matches(Values.map("a", 1, "b", 0, "c", 0)));
        assertTrue(rule.matches(Values.map("a", 0, "b", 1, "c", 1)));
        assertTrue(Rule.compile("((((a = 1))))").matches(Values.map("a", 1)));
    }

    @Test
    void notAppliesToTheNextConditionOnlyAndCanRepeat() {
        Rule rule = Rule.compile("NOT a = 1 AND b = 1");

        assertTrue(rule.matches(Values.map("a", 0, "b", 1)), "(NOT a = 1) AND b = 1");
        assertFalse(rule.matches(Values.map("a", 1, "b", 1)));
        assertFalse(rule.matches(Values.map("a", 0, "b", 0)));
        assertTrue(Rule.compile("NOT NOT a = 1").matches(Values.map("a", 1)));
        assertTrue(Rule.compile("NOT (a = 1 AND b = 1)").matches(Values.map("a", 1, "b", 0)));
    }

    @Test
    void keywordsAndBooleansAreCaseInsensitive() {
        Rule rule = Rule.compile("vip = TRUE and not churned is set Or score > 10");

        assertTrue(rule.matches(Values.map("vip", true)));
        assertFalse(rule.matches(Values.map("vip", true, "churned", false)));
        assertTrue(rule.matches(Values.map("churned", false, "score", 11)));
    }

    @Test
    void aMissingTagFailsEveryComparisonAndIsNotSet() {
        Map<String, Object> none = Map.of();

        for (String op : new String[] {"=", "!=", ">", ">=", "<", "<="}) {
            assertFalse(Rule.compile("total_spend " + op + " 0").matches(none), op);
        }
        assertFalse(Rule.compile("total_spend IS SET").matches(none));
        assertTrue(Rule.compile("total_spend IS NOT SET").matches(none));
        assertTrue(Rule.compile("NOT total_spend > 0").matches(none));
        assertTrue(Rule.compile("total_spend IS SET").matches(Values.map("total_spend", 0)));
    }

    @Test
    void numbersCompareNumericallyWithIntegerDecimalAndNegativeLiterals() {
        Map<String, Object> tags = Values.map("spend", 100.5, "balance", -3);

        assertTrue(Rule.compile("spend > 100").matches(tags));
        assertTrue(Rule.compile("spend >= 100.5").matches(tags));
        assertTrue(Rule.compile("spend = 100.50").matches(tags));
        assertTrue(Rule.compile("spend != 100").matches(tags));
        assertTrue(Rule.compile("spend < 1000").matches(tags), "numerically, not as text");
        assertFalse(Rule.compile("spend <= 100.4").matches(tags));
        assertTrue(Rule.compile("balance < -2").matches(tags));
        assertTrue(Rule.compile("balance=-3").matches(tags));
    }

    @Test
    void textComparesByEqualityAndLexicographically() {
        Map<String, Object> tags = Values.map("channel", "app", "quote", "it's");

        assertTrue(Rule.compile("channel = 'app'").matches(tags));
        assertTrue(Rule.compile("channel = \"app\"").matches(tags));
        assertTrue(Rule.compile("channel != 'web'").matches(tags));
        assertFalse(Rule.compile("channel = 'App'").matches(tags), "text is case-sensitive");
        assertTrue(Rule.compile("channel < 'b'").matches(tags));
        assertTrue(Rule.compile("channel >= 'app'").matches(tags));
        assertTrue(Rule.compile("quote = 'it\\'s'").matches(tags));
        assertTrue(Rule.compile("quote = \"it's\"").matches(tags));
    }

    @Test
    void flagsCompareWithEqualsAndNotEqualsOnly() {
        Map<String, Object> tags = Values.map("vip", true);

        assertTrue(Rule.compile("vip = true").matches(tags));
        assertTrue(Rule.compile("vip != false").matches(tags));
        assertFalse(Rule.compile("vip = false").matches(tags));
        assertFalse(Rule.compile("vip > false").matches(tags));
        assertFalse(Rule.compile("vip >= true").matches(tags));
    }

    @Test
    void timesCompareWithEpochMillisecondsOrAnIsoInstant() {
        Instant lastOrder = Instant.parse("2026-11-01T10:00:00.250Z");
        Map<String, Object> tags = Values.map("last_order_at", lastOrder);
        long millis = lastOrder.toEpochMilli();

        assertTrue(Rule.compile("last_order_at = " + millis).matches(tags));
        assertTrue(Rule.compile("last_order_at > " + (millis - 1)).matches(tags));
        assertFalse(Rule.compile("last_order_at < " + millis).matches(tags));
        assertTrue(Rule.compile("last_order_at >= '2026-11-01T00:00:00Z'").matches(tags));
        assertTrue(Rule.compile("last_order_at < '2026-11-01T18:00:01+08:00'").matches(tags), "the offset is honoured");
        assertTrue(Rule.compile("last_order_at = '2026-11-01T10:00:00.250Z'").matches(tags));
        assertFalse(
                Rule.compile("last_order_at > '2026-11-01T10:00:00.250000001Z'").matches(tags));
        assertFalse(
                Rule.compile("last_order_at != 'yesterday'").matches(tags),
                "a string that is no instant does not compare");
    }

    @Test
    void aTypeMismatchIsFalseWhateverTheOperator() {
        Map<String, Object> tags = Values.map("channel", "app", "spend", 5, "vip", true);

        assertFalse(Rule.compile("channel > 1").matches(tags));
        assertFalse(Rule.compile("channel != 1").matches(tags));
        assertFalse(Rule.compile("spend = '5'").matches(tags));
        assertFalse(Rule.compile("spend != true").matches(tags));
        assertFalse(Rule.compile("vip = 1").matches(tags));
        assertFalse(Rule.compile("vip != 'true'").matches(tags));
    }

    @Test
    void aDottedNameReadsNestedPropertiesAndEntriesOfWeightedMaps() {
        Map<String, Object> values =
                Values.map("properties.category", "shoes", "browse_category_30d", Map.of("shoes", 4.0, "bags", 1.0));

        assertTrue(Rule.compile("properties.category = 'shoes'").matches(values));
        assertTrue(Rule.compile("browse_category_30d.shoes >= 3 AND browse_category_30d.bags IS SET")
                .matches(values));
        assertFalse(Rule.compile("browse_category_30d.hats > 0").matches(values), "an absent key compares as missing");
        assertTrue(Rule.compile("browse_category_30d.hats IS NOT SET").matches(values));
        assertFalse(Rule.compile("browse_category_30d > 0").matches(values), "a map is not a number");
    }

    @Test
    void namesListsWhatTheRuleReads() {
        assertEquals(
                java.util.Set.of("order_count_30d", "total_spend", "last_channel"),
                Rule.compile("order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel IS SET)")
                        .names());
    }
}
