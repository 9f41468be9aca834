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
            " NOT IN ",
            " BETWEEN ",
            " WITHIN ",
            " BEFORE ",
            " DAYS",
            " HOURS AGO",
            "IN SEGMENT ",
            "DID ",
            "\"Order Completed\" ",
            " WHERE properties.sku",
            " AT LEAST ",
            " AT MOST 2 TIMES",
            " TIMES",
            " WITH SUM(properties.revenue)",
            " THEN NOT ",
            " 7 DAYS",
            "30",
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

    @Property(tries = 5000)
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

    @Property(tries = 2000)
    void aConditionPrintsAsTextThatParsesBackToTheSameCondition(@ForAll("conditions") Condition condition) {
        assertEquals(condition, Rule.compile(condition.text()).condition(), condition.text());
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
    Arbitrary<Condition> conditions() {
        return condition(3);
    }

    private static Arbitrary<Condition> condition(int depth) {
        Arbitrary<String> tag = Arbitraries.of("total_spend", "last_channel", "prefs.sport", "last_order_at");
        Arbitrary<Literal> number =
                Arbitraries.doubles().between(-1e9, 1e9).ofScale(3).map(Literal.Number::new);
        // Any text but NUL, which no rule may hold.
        Arbitrary<String> words = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars("é中\n\t")
                .ofMaxLength(6);
        Arbitrary<Literal> text = words.map(Literal.Text::new);
        Arbitrary<Literal> literal =
                Arbitraries.oneOf(number, text, Arbitraries.of(true, false).map(Literal.Flag::new));
        Arbitrary<java.time.Duration> span = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 3660).map(java.time.Duration::ofDays),
                Arbitraries.integers().between(1, 5000).map(java.time.Duration::ofHours));
        Arbitrary<Condition> leaf = Arbitraries.oneOf(
                Combinators.combine(tag, Arbitraries.of(Operator.values()), literal)
                        .as(Condition.Compare::new),
                Combinators.combine(
                                tag,
                                Arbitraries.oneOf(
                                        number.list().ofMinSize(1).ofMaxSize(3),
                                        text.list().ofMinSize(1).ofMaxSize(3)),
                                Arbitraries.of(true, false))
                        .as(Condition.InList::new),
                Combinators.combine(tag, number, number).as(Condition.Between::new),
                Combinators.combine(tag, words).as(Condition.Contains::new),
                Combinators.combine(tag, Arbitraries.of(true, false)).as(Condition.Presence::new),
                Combinators.combine(tag, span).as(Condition.Within::new),
                Combinators.combine(tag, span).as(Condition.Before::new),
                words.filter(name -> !name.isEmpty()).map(Condition.InSegment::new),
                behaviour(words, literal, span));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Condition> inner = condition(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(Condition::all)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(Condition::any)),
                net.jqwik.api.Tuple.of(1, inner.map(Condition.Not::new)));
    }

    /** DID conditions of each shape, with filters on the event's fields. */
    private static Arbitrary<Condition> behaviour(
            Arbitrary<String> words, Arbitrary<Literal> literal, Arbitrary<java.time.Duration> span) {
        Arbitrary<String> event = words.filter(name -> !name.isBlank());
        Arbitrary<Condition> leaf = Combinators.combine(
                        Arbitraries.of("channel", "properties.category", "traits.plan"),
                        Arbitraries.of(Operator.values()),
                        literal)
                .as(Condition.Compare::new);
        Arbitrary<Condition> filter = Arbitraries.oneOf(
                        leaf,
                        leaf.list().ofMinSize(2).ofMaxSize(2).map(Condition::all),
                        leaf.list().ofMinSize(2).ofMaxSize(2).map(Condition::any))
                .injectNull(0.4);
        Arbitrary<Integer> days = Arbitraries.of(Behaviour.WINDOWS);
        Arbitrary<Condition> counted = Combinators.combine(
                        event,
                        filter,
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 50),
                        days)
                .as((name, where, kind, count, window) -> switch (kind) {
                    case 0 -> new Behaviour.Did(name, where, null, Operator.GE, count, window);
                    case 1 -> new Behaviour.Did(name, where, null, Operator.LE, count - 1, window);
                    default -> new Behaviour.Did(name, where, null, Operator.EQ, 0, window);
                });
        Arbitrary<Condition> summed = Combinators.combine(
                        event,
                        filter,
                        Arbitraries.of(Operator.values()),
                        Arbitraries.doubles().between(0, 1e6).ofScale(2),
                        days)
                .as((name, where, operator, amount, window) ->
                        new Behaviour.Did(name, where, "properties.revenue", operator, amount, window));
        Arbitrary<Condition> sequence =
                Combinators.combine(event, filter, event, filter, span).as(Behaviour.ThenNot::new);
        return Arbitraries.oneOf(counted, summed, sequence);
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
