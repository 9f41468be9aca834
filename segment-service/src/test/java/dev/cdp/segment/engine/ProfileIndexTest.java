package dev.cdp.segment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.rules.Behaviour;
import dev.cdp.rules.Condition;
import dev.cdp.rules.Context;
import dev.cdp.rules.Literal;
import dev.cdp.rules.Operator;
import dev.cdp.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The index decides a condition for exactly the profiles {@link Condition#test} holds for: random
 * profiles (values of every kind, missing ones, weighted maps, values a profile had before they
 * changed) against random condition trees over the same few values, so equality, the ends of
 * ranges and type mismatches are met often.
 */
class ProfileIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    /** Behaviours read the tags of their codes: profiles hold values (of every kind) under them too. */
    private static final List<Behaviour> BEHAVIOURS = List.of(
            new Behaviour.Did("A", null, null, Operator.GE, 3, 7),
            new Behaviour.Did("A", null, null, Operator.EQ, 0, 7),
            new Behaviour.Did("A", null, null, Operator.LE, 1, 7),
            new Behaviour.Did("A", null, "properties.revenue", Operator.GT, 0.5, 7),
            new Behaviour.ThenNot("C", null, "O", null, Duration.ofHours(5)));

    private static final List<String> TAGS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("spend", "channel", "seen_at", "prefs", "prefs.sport", "vip"),
                    BEHAVIOURS.stream()
                            .flatMap(behaviour -> behaviour.tags().stream())
                            .map(dev.cdp.rules.EventTag::code)
                            .distinct())
            .toList();
    private static final List<String> SEGMENTS = List.of("vip", "lapsed");
    // 1000, 1005.5 and 1010 share a group of buckets but no bucket: a comparison with 1005.5 splits the group.
    private static final List<Double> NUMBERS = List.of(
            -2.0,
            -0.0,
            0.0,
            0.5,
            1.0,
            3.0,
            100.0,
            1000.0,
            1005.5,
            1010.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            -1e300);
    private static final List<String> TEXTS = List.of("", "a", "ab", "app", "web", "2026-12-01T00:00:00Z");
    private static final List<Instant> TIMES = List.of(
            NOW,
            NOW.minusMillis(1),
            NOW.plusNanos(500_000),
            NOW.minus(Duration.ofDays(30)),
            NOW.minus(Duration.ofDays(30)).minusNanos(1),
            NOW.minus(Duration.ofHours(5)),
            Instant.parse("2026-12-01T00:00:00Z"),
            Instant.EPOCH);

    @Property(tries = 1500)
    void theIndexDecidesEveryProfileAsTheConditionDoes(
            @ForAll("profiles") List<Map<String, Object>> profiles,
            @ForAll("profiles") List<Map<String, Object>> before,
            @ForAll("memberships") List<Set<String>> memberships,
            @ForAll("conditions") Condition condition) {
        ProfileIndex index = new ProfileIndex(profiles::get);
        for (int profile = 0; profile < profiles.size(); profile++) {
            // Some profiles had other values first: what they no longer hold must not answer.
            if (profile < before.size()) {
                index.add(profile, before.get(profile));
                index.remove(profile, before.get(profile));
            }
            index.add(profile, profiles.get(profile));
        }
        Map<String, RoaringBitmap> members = new HashMap<>();
        for (int profile = 0; profile < profiles.size(); profile++) {
            for (String segment : memberships.get(profile % memberships.size())) {
                members.computeIfAbsent(segment, name -> new RoaringBitmap()).add(profile);
            }
        }

        RoaringBitmap decided = index.evaluate(condition, NOW, members::get);

        for (int profile = 0; profile < profiles.size(); profile++) {
            Set<String> in = memberships.get(profile % memberships.size());
            boolean expected = condition.test(profiles.get(profile), new Context(NOW, in::contains));
            int decidedProfile = profile;
            assertEquals(
                    expected,
                    decided.contains(decidedProfile),
                    // toString, not text(): a NaN literal, which no rule's text can hold, has no text.
                    () -> condition + " on " + profiles.get(decidedProfile) + " in " + in);
        }
        assertTrue(decided.getCardinality() <= profiles.size(), "only indexed profiles are decided");
    }

    @Test
    void aProfileTakenOutIsInNoAnswerAndItsValuesTakeNoMemory() {
        Map<Integer, Map<String, Object>> stored = new HashMap<>();
        stored.put(9, Map.of("spend", 50.0));
        ProfileIndex index = new ProfileIndex(stored::get);
        index.add(7, Map.of("spend", 300.0, "prefs", Map.of("sport", 4.0)));
        index.add(9, Map.of("spend", 50.0));
        index.remove(7, Map.of("spend", 300.0, "prefs", Map.of("sport", 4.0)));

        assertEquals(
                RoaringBitmap.bitmapOf(9),
                index.evaluate(Rule.compile("spend > 10").condition(), NOW, s -> null));
        assertEquals(
                new RoaringBitmap(),
                index.evaluate(Rule.compile("prefs.sport >= 3 OR prefs IS SET").condition(), NOW, s -> null));
        assertEquals(
                RoaringBitmap.bitmapOf(9),
                index.evaluate(Rule.compile("NOT spend = 1").condition(), NOW, s -> null));
        assertEquals(1, index.size());
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> profiles() {
        Arbitrary<Object> weights = Arbitraries.maps(Arbitraries.of("sport", "music", "x.y"), Arbitraries.of(NUMBERS))
                .ofMaxSize(3)
                .map(map -> (Object) map);
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(NUMBERS).map(number -> (Object) number)),
                Tuple.of(1, Arbitraries.of(-2L, 0L, 3L, 100L).map(number -> (Object) number)),
                Tuple.of(2, Arbitraries.of(TEXTS).map(text -> (Object) text)),
                Tuple.of(1, Arbitraries.of(true, false).map(flag -> (Object) flag)),
                Tuple.of(3, Arbitraries.of(TIMES).map(time -> (Object) time)),
                Tuple.of(2, weights));
        Arbitrary<Map<String, Object>> profile =
                Arbitraries.maps(Arbitraries.of(TAGS), value).ofMaxSize(TAGS.size());
        return profile.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Set<String>>> memberships() {
        return Arbitraries.subsetOf(SEGMENTS).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Condition> conditions() {
        return condition(3);
    }

    private static Arbitrary<Condition> condition(int depth) {
        List<String> names = new ArrayList<>(TAGS);
        names.addAll(List.of("prefs.music", "prefs.x.y", "missing", "channel.sport"));
        Arbitrary<String> tag = Arbitraries.of(names);
        Arbitrary<Literal> number = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NUMBERS).map(Literal.Number::new)),
                // Times as epoch milliseconds, on and either side of the times the profiles hold.
                Tuple.of(
                        3,
                        Combinators.combine(Arbitraries.of(TIMES), Arbitraries.of(-1.0, -0.5, 0.0, 0.5, 1.0))
                                .as((time, offset) -> new Literal.Number(time.toEpochMilli() + offset))));
        Arbitrary<Literal> text = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(TEXTS).map(Literal.Text::new)),
                Tuple.of(2, Arbitraries.of(TIMES).map(time -> new Literal.Text(time.toString()))),
                Tuple.of(
                        1,
                        Arbitraries.of("b", "ap", "2026-12-07T13:00:00+01:00").map(Literal.Text::new)));
        Arbitrary<Literal> literal =
                Arbitraries.oneOf(number, text, Arbitraries.of(true, false).map(Literal.Flag::new));
        Arbitrary<Duration> span =
                Arbitraries.of(Duration.ofDays(30), Duration.ofHours(5), Duration.ofDays(1), Duration.ofHours(1));
        Arbitrary<Condition> leaf = Arbitraries.oneOf(
                Combinators.combine(tag, Arbitraries.of(Operator.values()), literal)
                        .as(Condition.Compare::new),
                Combinators.combine(
                                tag,
                                Arbitraries.oneOf(
                                        literal.list().ofMinSize(1).ofMaxSize(3),
                                        number.list().ofMinSize(1).ofMaxSize(3)),
                                Arbitraries.of(true, false))
                        .as(Condition.InList::new),
                Combinators.combine(tag, literal, literal).as(Condition.Between::new),
                Combinators.combine(tag, Arbitraries.of("", "a", "p", "sport", "x.y", "music"))
                        .as(Condition.Contains::new),
                Combinators.combine(tag, Arbitraries.of(true, false)).as(Condition.Presence::new),
                Combinators.combine(tag, span).as(Condition.Within::new),
                Combinators.combine(tag, span).as(Condition.Before::new),
                Arbitraries.of("vip", "lapsed", "unknown").map(Condition.InSegment::new),
                Arbitraries.of(BEHAVIOURS).map(behaviour -> (Condition) behaviour));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Condition> inner = condition(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, inner.list().ofMaxSize(3).map(Condition.AllOf::new)),
                Tuple.of(1, inner.list().ofMaxSize(3).map(Condition.AnyOf::new)),
                Tuple.of(1, inner.map(Condition.Not::new)));
    }
}
