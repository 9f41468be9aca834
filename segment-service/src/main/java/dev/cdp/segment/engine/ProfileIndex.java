package dev.cdp.segment.engine;

import dev.cdp.rules.Behaviour;
import dev.cdp.rules.Condition;
import dev.cdp.rules.Context;
import dev.cdp.rules.Literal;
import dev.cdp.rules.Operator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.IntFunction;
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

    private final Map<String, Attribute> attributes = new HashMap<>();
    private final RoaringBitmap everyone = new RoaringBitmap();
    private final IntFunction<Map<String, ?>> valuesOf;

    /**
     * @param valuesOf the values added for a profile: a range bucket holding values either side
     *     of a query's bound compares its profiles' values one by one
     */
    public ProfileIndex(IntFunction<Map<String, ?>> valuesOf) {
        this.valuesOf = valuesOf;
    }

    /** Indexes {@code values} (as {@link Condition#test} reads them) as profile {@code profile}'s. */
    public void add(int profile, Map<String, ?> values) {
        everyone.add(profile);
        values.forEach((name, value) -> {
            if (value != null) {
                attributes
                        .computeIfAbsent(name, key -> new Attribute(name, null))
                        .add(profile, value);
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
        if (condition instanceof Behaviour.Did did) {
            return evaluate(did.onTag(), now, members);
        }
        if (condition instanceof Behaviour.ThenNot sequence) {
            return sequence(sequence, now);
        }
        return onValue((Condition.OnValue) condition, now);
    }

    /**
     * The profiles whose latest first event is old enough (from the index), then each of them
     * checked against its second event: two values compared with each other have no index.
     */
    private RoaringBitmap sequence(Behaviour.ThenNot sequence, Instant now) {
        Instant until = now.minus(sequence.within());
        RoaringBitmap started =
                named(sequence.firstTag().code(), attribute -> since(attribute, until, comparison -> comparison <= 0));
        Context context = Context.at(now);
        RoaringBitmap result = new RoaringBitmap();
        started.forEach((int profile) -> {
            if (sequence.test(valuesOf.apply(profile), context)) {
                result.add(profile);
            }
        });
        return result;
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
            return named(condition.tag(), attribute -> since(attribute, since, comparison -> comparison >= 0));
        }
        Condition.Before before = (Condition.Before) condition;
        Instant until = now.minus(before.ago());
        return named(condition.tag(), attribute -> since(attribute, until, comparison -> comparison < 0));
    }

    /** How many profiles of {@code members} and of {@code population} hold one value of a tag. */
    public record Share(String value, long members, long population) {}

    /**
     * The values of tag {@code name} across {@code population} and its part {@code members}: each
     * text, flag or weighted-map key as it is; numbers in about {@code bins} ranges of equal
     * population ("10–20"), as whole-number buckets allow. Times are not broken down. Values no
     * profile of the population holds are left out.
     */
    public List<Share> distribution(String name, RoaringBitmap members, RoaringBitmap population, int bins) {
        Attribute attribute = attributes.get(name);
        List<Share> shares = new ArrayList<>();
        if (attribute == null) {
            return shares;
        }
        attribute.texts.forEach((text, profiles) -> share(text, profiles, members, population, shares));
        attribute.flags.forEach((flag, profiles) -> share(flag.toString(), profiles, members, population, shares));
        attribute.entries.forEach((key, entry) -> share(key, entry.present, members, population, shares));
        long holding = RoaringBitmap.andCardinality(attribute.present, population);
        RoaringBitmap range = new RoaringBitmap();
        for (Attribute.Bucket<Double> bucket : attribute.numbers.buckets()) {
            range.or(RoaringBitmap.and(bucket.profiles, population));
            if (range.getLongCardinality() * bins >= holding) {
                shares.add(numberRange(attribute, range, members));
                range = new RoaringBitmap();
            }
        }
        if (!range.isEmpty()) {
            shares.add(numberRange(attribute, range, members));
        }
        return shares;
    }

    /** The profiles of a range of numbers, named by the least and greatest value they hold ("10–20"). */
    private Share numberRange(Attribute attribute, RoaringBitmap profiles, RoaringBitmap members) {
        double least = Double.POSITIVE_INFINITY;
        double greatest = Double.NEGATIVE_INFINITY;
        for (int profile : profiles) {
            if (attribute.valueIn(valuesOf.apply(profile)) instanceof Number number
                    && Double.isFinite(number.doubleValue())) {
                least = Math.min(least, number.doubleValue());
                greatest = Math.max(greatest, number.doubleValue());
            }
        }
        String name = least > greatest
                ? "not a finite number"
                : least == greatest
                        ? new Literal.Number(least).text()
                        : new Literal.Number(least).text() + "–" + new Literal.Number(greatest).text();
        return new Share(name, RoaringBitmap.andCardinality(profiles, members), profiles.getLongCardinality());
    }

    /** Whether tag {@code name} is a weighted map (its keys indexed), as far as the values held say. */
    public boolean isMap(String name) {
        Attribute attribute = attributes.get(name);
        return attribute != null && !attribute.entries.isEmpty();
    }

    private static void share(
            String value, RoaringBitmap profiles, RoaringBitmap members, RoaringBitmap population, List<Share> shares) {
        long inPopulation = RoaringBitmap.andCardinality(profiles, population);
        if (inPopulation > 0) {
            shares.add(new Share(value, RoaringBitmap.andCardinality(profiles, members), inPopulation));
        }
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
    private RoaringBitmap containing(Attribute attribute, String part) {
        List<RoaringBitmap> holders = new ArrayList<>();
        attribute.texts.forEach((text, profiles) -> {
            if (text.contains(part)) {
                holders.add(profiles);
            }
        });
        Attribute weight = attribute.entries.get(part);
        if (weight != null) {
            buckets(
                    weight,
                    weight.numbers,
                    value -> value instanceof Number number ? (number.doubleValue() > 0 ? 1 : 0) : null,
                    positive -> positive == 1,
                    holders);
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
    private RoaringBitmap comparing(Attribute attribute, Literal literal, IntPredicate holds) {
        List<RoaringBitmap> parts = new ArrayList<>();
        if (literal instanceof Literal.Number) {
            buckets(attribute, attribute.numbers, literal::compareTo, holds, parts);
            buckets(attribute, attribute.times, literal::compareTo, holds, parts);
        } else if (literal instanceof Literal.Text text) {
            ordered(attribute.texts, text.value(), holds, parts);
            if (text.instant() != null) {
                buckets(attribute, attribute.times, literal::compareTo, holds, parts);
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

    /** Times compared with {@code bound}: -1 before it, 0 at it, 1 after it. */
    private RoaringBitmap since(Attribute attribute, Instant bound, IntPredicate holds) {
        List<RoaringBitmap> parts = new ArrayList<>();
        buckets(
                attribute,
                attribute.times,
                value -> value instanceof Instant time ? Integer.signum(time.compareTo(bound)) : null,
                holds,
                parts);
        return FastAggregation.or(parts.iterator());
    }

    /**
     * The profiles of range buckets whose values compare (as {@code compare} says, null for no
     * comparison) as {@code holds} accepts. Within a group or bucket the comparison follows the
     * values' order, so when its least and greatest value compare alike every value does and it
     * is taken or left whole; a group that straddles is decided bucket by bucket, and a bucket
     * that straddles compares its profiles' values one by one.
     */
    private <V extends Comparable<V>> void buckets(
            Attribute attribute,
            Attribute.Ranges<?, V> ranges,
            Function<Object, Integer> compare,
            IntPredicate holds,
            List<RoaringBitmap> parts) {
        for (Attribute.Group<?, V> group : ranges.groups.values()) {
            Integer least = compare.apply(group.least);
            Integer greatest = compare.apply(group.greatest);
            if (least != null && least.equals(greatest)) {
                addIf(holds.test(least), group.profiles, parts);
            } else if (least != null || greatest != null) {
                buckets(attribute, group.buckets.values(), compare, holds, parts);
            }
        }
    }

    private <V extends Comparable<V>> void buckets(
            Attribute attribute,
            Iterable<Attribute.Bucket<V>> buckets,
            Function<Object, Integer> compare,
            IntPredicate holds,
            List<RoaringBitmap> parts) {
        for (Attribute.Bucket<V> bucket : buckets) {
            Integer least = compare.apply(bucket.least);
            Integer greatest = compare.apply(bucket.greatest);
            if (least != null && least.equals(greatest)) {
                addIf(holds.test(least), bucket.profiles, parts);
            } else if (least != null || greatest != null) {
                RoaringBitmap matching = new RoaringBitmap();
                bucket.profiles.forEach((int profile) -> {
                    Integer comparison = compare.apply(attribute.valueIn(valuesOf.apply(profile)));
                    if (comparison != null && holds.test(comparison)) {
                        matching.add(profile);
                    }
                });
                parts.add(matching);
            }
        }
    }

    private static void addIf(boolean wanted, RoaringBitmap holders, List<RoaringBitmap> parts) {
        if (wanted && holders != null) {
            parts.add(holders);
        }
    }
}
