package dev.cdp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Whatever an analyst types, a rule compiles or is refused with a {@link RuleSyntaxException}
 * naming the position; a compiled rule answers for any tag values. Nothing else escapes: no 500
 * from a segment definition, no consumer failing on evaluation.
 */
class RulePropertiesTest {

    private static final List<String> TOKENS = List.of(
            "total_spend",
            "last_channel",
            "prefs.sport",
            "vip",
            "(",
            ")",
            " AND ",
            " OR ",
            "NOT ",
            " = ",
            " != ",
            " > ",
            " >= ",
            " < ",
            " <= ",
            " IN ",
            " IS SET",
            " IS NOT SET",
            " CONTAINS ",
            "100",
            "-1.5e3",
            "'app'",
            "'a''b'",
            "'unterminated",
            "true",
            ",",
            "[",
            "]",
            "now-30d",
            " ",
            "\t",
            "é",
            "\0");

    @Property(tries = 3000)
    void anyTextCompilesOrIsRefusedWithItsPosition(
            @ForAll("ruleLike") String text, @ForAll("tagValues") Map<String, Object> tags) {
        Rule rule;
        try {
            rule = Rule.compile(text);
        } catch (RuleSyntaxException refused) {
            return;
        }
        rule.matches(tags);
        assertEquals(rule.names(), Rule.compile(rule.text()).names());
    }

    @Test
    void deepNestingWithinTheLengthLimitIsReadWithoutExhaustingTheStack() {
        int depth = (Rule.MAX_LENGTH - "vip = true".length()) / 2;
        String nested = "(".repeat(depth) + "vip = true" + ")".repeat(depth);
        Rule rule;
        try {
            rule = Rule.compile(nested);
        } catch (RuleSyntaxException refused) {
            return;
        }
        assertEquals(true, rule.matches(Map.of("vip", true)));
    }

    @Provide
    Arbitrary<String> ruleLike() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(14).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<Map<String, Object>> tagValues() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
                Arbitraries.of("app", "web", "").map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.maps(
                                Arbitraries.of("sport", "music"),
                                Arbitraries.doubles().between(0, 1))
                        .ofMaxSize(2)
                        .map(m -> (Object) m));
        return Combinators.combine(value, value, value)
                .as((spend, channel, prefs) -> Map.of("total_spend", spend, "last_channel", channel, "prefs", prefs));
    }
}
