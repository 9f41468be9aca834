package dev.cdp.segment.engine;

import dev.cdp.rules.Condition;
import dev.cdp.rules.Literal;
import dev.cdp.rules.Operator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Every profile's values as inverted indexes over dense profile numbers, and a {@link Condition}
 * decided over all of them at once as bitmap algebra: all-of is AND, any-of OR, NOT the indexed
 * profiles less the inner condition. The answer is exactly the profiles for which
 * {@link Condition#test} holds on the values that were added (a property test keeps it so): a
 * missing value is false for every operator, a type mismatch too, {@code !=} and {@code NOT IN}
 * hold only for a value that is there. Not thread-safe: {@link SegmentEngine} guards it.
 */
public final class ProfileIndex {

    private static final Double NEGATIVE_ZERO = -0.0;
    private static final Double NAN = Double.NaN;

    private final Map<String, Attribute> attributes = new HashMap<>();
    private final RoaringBitmap everyone = new RoaringBitmap();

    /** Indexes {@code values} (as {@link Condition#test} reads them) as profile {@code profile}'s. */
    public void add(int profile, Map<String, ?> values) {
        everyone.add(profile);
        values.forEach((name, value) -> {
            if (value != null) {
                attributes.computeIfAbsent(name, key -> new Attribute()).add(profile, value);
            }
        });
    }

    /** Takes out what {@link #add} indexed for {@code profile} with these same values. */
    public void remove(int profile, Map<String, ?> values) {
        everyone.remove(profile);
        values.forEach((name, value) -> {
            Attribute attribute = attributes.get(name);
            if (value != null && attribute != null) {
                attribute.remove(profile, value);
                if (attribute.present.isEmpty()) {
                    attributes.remove(name);
                }
            }
        });
    }

    /** Every indexed profile: the universe a NOT is taken from. A copy. */
    public RoaringBitmap everyone() {
        return everyone.clone();
    }

    public int size() {
        return everyone.getCardinality();
    }

    /** Bytes the bitmaps take. */
    public long bitmapBytes() {
        long bytes = everyone.getLongSizeInBytes();
        for (Attribute attribute : attributes.values()) {
            bytes += attribute.bitmapBytes();
        }
        return bytes;
    }

    /**
     * The profiles {@code condition} holds for, at {@code now} (what WITHIN and BEFORE count back
     * from), with {@code members} answering each segment an {@code IN SEGMENT} names (null for
     * none). A new bitmap the caller owns.
     */
    public RoaringBitmap evaluate(Condition condition, Instant now, Function<String, RoaringBitmap> members) {
        if (condition instanceof Condition.AllOf all) {
            RoaringBitmap result = everyone.clone();
            for (int i = 0; i < all.parts().size() && !result.isEmpty(); i++) {
                result.and(evaluate(all.parts().get(i), now, members));
            }
            return result;
        }
        if (condition instanceof Condition.AnyOf any) {
            List<RoaringBitmap> parts = new ArrayList<>(any.parts().size());
            for (Condition part : any.parts()) {
                parts.add(evaluate(part, now, members));
            }
            return FastAggregation.or(parts.iterator());
        }
        if (condition instanceof Condition.Not not) {
            return RoaringBitmap.andNot(everyone, evaluate(not.inner(), now, members));
        }
        if (condition instanceof Condition.InSegment in) {
            RoaringBitmap segment = members.apply(in.segment());
            return segment == null ? new RoaringBitmap() : RoaringBitmap.and(everyone, segment);
        }
        return onValue((Condition.OnValue) condition, now);
    }

    private RoaringBitmap onValue(Condition.OnValue condition, Instant now) {
        if (condition instanceof Condition.Compare compare) {
            if (compare.literal() instanceof Literal.Flag && !compare.operator().isEquality()) {
                return new RoaringBitmap();
            }
            Operator operator = compare.operator();
            return named(condition.tag(), attribute -> comparing(attribute, compare.literal(), operator::holds));
        }
        if (condition instanceof Condition.InList in) {
            return named(condition.tag(), attribute -> inList(attribute, in));
        }
        if (condition instanceof Condition.Between between) {
            if (between.low() instanceof Literal.Flag) {
                return new RoaringBitmap();
            }
            return named(
                    condition.tag(),
                    attribute -> RoaringBitmap.and(
                            comparing(attribute, between.low(), comparison -> comparison >= 0),
                            comparing(attribute, between.high(), comparison -> comparison <= 0)));
        }
        if (condition instanceof Condition.Contains contains) {
            return named(condition.tag(), attribute -> containing(attribute, contains.part()));
        }
        if (condition instanceof Condition.Presence presence) {
            RoaringBitmap set = named(condition.tag(), attribute -> attribute.present.clone());
            return presence.set() ? set : RoaringBitmap.andNot(everyone, set);
        }
        if (condition instanceof Condition.Within within) {
            Instant since = now.minus(within.span());
            return named(condition.tag(), attribute -> or(attribute.times.tailMap(since, true)));
        }
        Condition.Before before = (Condition.Before) condition;
        Instant until = now.minus(before.ago());
        return named(condition.tag(), attribute -> or(attribute.times.headMap(until, false)));
    }

    /**
     * {@code decide} over the value {@link Condition#lookup} reads for {@code name}: the tag of that
     * name, or for {@code map.key} the entry {@code key} of the weighted map {@code map} in
     * profiles that have no tag named {@code map.key} itself.
     */
    private RoaringBitmap named(String name, Function<Attribute, RoaringBitmap> decide) {
        Attribute own = attributes.get(name);
        RoaringBitmap result = own == null ? new RoaringBitmap() : decide.apply(own);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            Attribute map = attributes.get(name.substring(0, dot));
            Attribute entry = map == null ? null : map.entries.get(name.substring(dot + 1));
            if (entry != null) {
                RoaringBitmap fromEntry = decide.apply(entry);
                if (own != null) {
                    fromEntry.andNot(own.present);
                }
                result.or(fromEntry);
            }
        }
        return result;
    }

    /** {@code IN}: one of the literals equal; {@code NOT IN}: a value some literal compares with, none equal. */
    private RoaringBitmap inList(Attribute attribute, Condition.InList in) {
        List<RoaringBitmap> equal = new ArrayList<>();
        List<RoaringBitmap> typed = new ArrayList<>();
        for (Literal literal : in.literals()) {
            equal.add(comparing(attribute, literal, comparison -> comparison == 0));
            if (in.negated()) {
                typed.add(comparing(attribute, literal, comparison -> true));
            }
        }
        RoaringBitmap anyEqual = FastAggregation.or(equal.iterator());
        return in.negated() ? RoaringBitmap.andNot(FastAggregation.or(typed.iterator()), anyEqual) : anyEqual;
    }

    /** Text holding {@code part}, or a weighted map whose entry {@code part} weighs more than 0. */
    private static RoaringBitmap containing(Attribute attribute, String part) {
        List<RoaringBitmap> holders = new ArrayList<>();
        attribute.texts.forEach((text, profiles) -> {
            if (text.contains(part)) {
                holders.add(profiles);
            }
        });
        Attribute weight = attribute.entries.get(part);
        if (weight != null) {
            // Above 0.0 in Double order: -0.0 sorts below it; NaN above, and is no positive weight.
            weight.numbers.tailMap(0.0, false).forEach((value, profiles) -> {
                if (!value.isNaN()) {
                    holders.add(profiles);
                }
            });
        }
        return FastAggregation.or(holders.iterator());
    }

    /**
     * The profiles whose value {@code literal} compares with ({@link Literal#compareTo} not null)
     * as {@code holds} accepts: a value below the literal is -1, equal 0, above 1. The values
     * ordered below the literal are taken whole if {@code holds(-1)}, those above if
     * {@code holds(1)}; only the few whose comparison the order does not settle are compared one
     * by one.
     */
    private static RoaringBitmap comparing(Attribute attribute, Literal literal, IntPredicate holds) {
        List<RoaringBitmap> parts = new ArrayList<>();
        if (literal instanceof Literal.Number number) {
            numbers(attribute.numbers, number, holds, parts);
            timesAgainstMillis(attribute.times, number, holds, parts);
        } else if (literal instanceof Literal.Text text) {
            ordered(attribute.texts, text.value(), holds, parts);
            Instant instant = text.instant();
            if (instant != null) {
                ordered(attribute.times, instant, holds, parts);
            }
        } else {
            boolean value = ((Literal.Flag) literal).value();
            // A flag compares equal (0) or not (1), never below.
            addIf(holds.test(0), attribute.flags.get(value), parts);
            addIf(holds.test(1), attribute.flags.get(!value), parts);
        }
        return FastAggregation.or(parts.iterator());
    }

    /** Keys whose natural order is the literal's comparison: below, equal, above. */
    private static <K> void ordered(
            NavigableMap<K, RoaringBitmap> values, K literal, IntPredicate holds, List<RoaringBitmap> parts) {
        if (holds.test(-1)) {
            parts.addAll(values.headMap(literal, false).values());
        }
        addIf(holds.test(0), values.get(literal), parts);
        if (holds.test(1)) {
            parts.addAll(values.tailMap(literal, false).values());
        }
    }

    /**
     * Numbers in {@link Double#compareTo} order are in the order a number literal compares them,
     * except -0.0 (which the literal 0 sees as above it) and NaN (no comparison): those two are
     * compared one by one.
     */
    private static void numbers(
            NavigableMap<Double, RoaringBitmap> values,
            Literal.Number literal,
            IntPredicate holds,
            List<RoaringBitmap> parts) {
        if (values.isEmpty() || Double.isNaN(literal.value())) {
            return;
        }
        Double key = literal.value();
        if (holds.test(-1)) {
            addOrdinary(values.headMap(key, false), parts);
        }
        if (holds.test(0) && !isSpecial(key)) {
            addIf(true, values.get(key), parts);
        }
        if (holds.test(1)) {
            addOrdinary(values.tailMap(key, false), parts);
        }
        for (Double special : List.of(NEGATIVE_ZERO, NAN)) {
            RoaringBitmap holders = values.get(special);
            Integer comparison = literal.compareTo(special);
            addIf(comparison != null && holds.test(comparison), holders, parts);
        }
    }

    private static void addOrdinary(NavigableMap<Double, RoaringBitmap> values, List<RoaringBitmap> parts) {
        values.forEach((value, holders) -> {
            if (!isSpecial(value)) {
                parts.add(holders);
            }
        });
    }

    private static boolean isSpecial(Double value) {
        return value.isNaN() || NEGATIVE_ZERO.equals(value);
    }

    /**
     * A time compared with a number as epoch milliseconds (a {@code double} the time rounds to):
     * times more than a rounding margin below or above the literal are taken whole, those within
     * it compared one by one.
     */
    private static void timesAgainstMillis(
            NavigableMap<Instant, RoaringBitmap> values,
            Literal.Number literal,
            IntPredicate holds,
            List<RoaringBitmap> parts) {
        if (values.isEmpty()) {
            return;
        }
        double millis = literal.value();
        if (Double.isNaN(millis)) {
            // Literal.Number answers 0 for every time against NaN: neither below nor above.
            addIf(holds.test(0), or(values), parts);
            return;
        }
        // Seconds either side of the literal within which rounding to milliseconds could reorder a time
        // against it; bounded so an infinite literal still makes a window inside Instant's range.
        long margin = 2 + (long) Math.min(Math.ulp(millis) / 1000 * 4, 1e12);
        double seconds = Math.floor(millis / 1000);
        long lowest = Instant.MIN.getEpochSecond() + margin;
        long highest = Instant.MAX.getEpochSecond() - margin;
        long pivot = seconds <= lowest ? lowest : seconds >= highest ? highest : (long) seconds;
        Instant from = Instant.ofEpochSecond(pivot - margin);
        Instant to = Instant.ofEpochSecond(pivot + margin);
        if (holds.test(-1)) {
            parts.addAll(values.headMap(from, false).values());
        }
        values.subMap(from, true, to, true).forEach((time, holders) -> {
            Integer comparison = literal.compareTo(time);
            addIf(comparison != null && holds.test(comparison), holders, parts);
        });
        if (holds.test(1)) {
            parts.addAll(values.tailMap(to, false).values());
        }
    }

    private static void addIf(boolean wanted, RoaringBitmap holders, List<RoaringBitmap> parts) {
        if (wanted && holders != null) {
            parts.add(holders);
        }
    }

    private static RoaringBitmap or(NavigableMap<?, RoaringBitmap> values) {
        return FastAggregation.or(values.values().iterator());
    }
}
