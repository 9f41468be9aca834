package dev.cdp.segment.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The inverted index of one value name: a tag, or one key of a weighted-map tag ({@code key} set).
 * Who has a value at all; text and flags by their exact value; numbers and times in range buckets,
 * each with the least and greatest value it was given, so a range query takes a bucket whole when
 * both ends decide alike and compares the values of a boundary bucket's profiles one by one.
 * Buckets, not one bitmap per distinct value: times and amounts are nearly all distinct, and a
 * bitmap of one profile costs about a hundred bytes. Buckets come in groups (a day of hours; a
 * sixteenth of a power of two, 64 number buckets), so a wide range is the union of a few hundred
 * groups rather than of thousands of buckets. Not thread-safe: {@link SegmentEngine}
 * guards it.
 */
final class Attribute {

    /** Seconds a time bucket spans. */
    static final long TIME_BUCKET = 3600;
    /** Seconds a group of time buckets spans. */
    static final long TIME_GROUP = 86_400;
    /** Significant bits of a number bucket's bound above 2^BITS: about a thousand buckets per power of two. */
    private static final int BITS = 10;
    /** Likewise for a group of number buckets: sixteen per power of two. */
    private static final int GROUP_BITS = 4;

    final String tag;
    /** The weighted map's key this attribute indexes, or null for the tag's own value. */
    final String key;

    final RoaringBitmap present = new RoaringBitmap();
    final Ranges<Double, Double> numbers = new Ranges<>();
    final NavigableMap<String, RoaringBitmap> texts = new TreeMap<>();
    final NavigableMap<Boolean, RoaringBitmap> flags = new TreeMap<>();
    final Ranges<Long, Instant> times = new Ranges<>();
    /** The entries of weighted maps, by key: what {@code tag.key} and {@code CONTAINS 'key'} read. */
    final Map<String, Attribute> entries = new HashMap<>();

    Attribute(String tag, String key) {
        this.tag = tag;
        this.key = key;
    }

    /** The profiles of a range of values, and the least and greatest value it was ever given. */
    static class Bucket<V extends Comparable<V>> {
        final RoaringBitmap profiles = new RoaringBitmap();
        V least;
        V greatest;

        void add(int profile, V value) {
            profiles.add(profile);
            // Kept wide when values leave: a bound too wide only makes a query compare more values one by one.
            if (least == null || value.compareTo(least) < 0) {
                least = value;
            }
            if (greatest == null || value.compareTo(greatest) > 0) {
                greatest = value;
            }
        }
    }

    /** Buckets of keys {@code K} inside groups of the same keys, each group holding what its buckets hold. */
    static final class Ranges<K extends Comparable<K>, V extends Comparable<V>> {

        final NavigableMap<K, Group<K, V>> groups = new TreeMap<>();

        void add(K group, K bucket, int profile, V value) {
            Group<K, V> into = groups.computeIfAbsent(group, bound -> new Group<>());
            into.add(profile, value);
            into.buckets.computeIfAbsent(bucket, bound -> new Bucket<>()).add(profile, value);
        }

        void remove(K group, K bucket, int profile) {
            Group<K, V> from = groups.get(group);
            if (from != null) {
                removeFrom(from.buckets, bucket, profile);
                from.profiles.remove(profile);
                if (from.profiles.isEmpty()) {
                    groups.remove(group);
                }
            }
        }

        /** Every bucket, in order of its values. */
        Iterable<Bucket<V>> buckets() {
            return () -> groups.values().stream()
                    .flatMap(group -> group.buckets.values().stream())
                    .iterator();
        }

        long bitmapBytes() {
            long bytes = 0;
            for (Group<K, V> group : groups.values()) {
                bytes += group.profiles.getLongSizeInBytes();
                for (Bucket<V> bucket : group.buckets.values()) {
                    bytes += bucket.profiles.getLongSizeInBytes();
                }
            }
            return bytes;
        }
    }

    /** A range of buckets: their profiles together, their least and greatest value. */
    static final class Group<K, V extends Comparable<V>> extends Bucket<V> {
        final NavigableMap<K, Bucket<V>> buckets = new TreeMap<>();
    }

    /** This attribute's value in a profile's values, as {@link dev.cdp.rules.Condition#lookup} reads it. */
    Object valueIn(Map<String, ?> values) {
        Object value = values.get(tag);
        if (key == null) {
            return value;
        }
        return value instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /**
     * The bucket of a number: whole numbers below 2^BITS, then steps of a power of two that keep
     * BITS significant bits, so buckets are ordered ranges whatever the magnitude. -0.0 and NaN,
     * which compare unlike their neighbours, each have a bucket of their own.
     */
    static Double bucket(double value) {
        return bucket(value, BITS);
    }

    /** The group of a number's bucket: the same steps with fewer bits, so each bucket lies in one group. */
    static Double group(double value) {
        return bucket(value, GROUP_BITS);
    }

    private static Double bucket(double value, int bits) {
        int exponent = Math.getExponent(value);
        if (exponent < bits || Double.isNaN(value) || Double.isInfinite(value)) {
            return Math.floor(value);
        }
        double step = Math.scalb(1.0, exponent - bits);
        return Math.floor(value / step) * step;
    }

    static long bucket(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), TIME_BUCKET);
    }

    static long group(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), TIME_GROUP);
    }

    void add(int profile, Object value) {
        present.add(profile);
        if (value instanceof Number number) {
            double plain = number.doubleValue();
            numbers.add(group(plain), bucket(plain), profile, plain);
        } else if (value instanceof String text) {
            texts.computeIfAbsent(text, exact -> new RoaringBitmap()).add(profile);
        } else if (value instanceof Boolean flag) {
            flags.computeIfAbsent(flag, exact -> new RoaringBitmap()).add(profile);
        } else if (value instanceof Instant time) {
            times.add(group(time), bucket(time), profile, time);
        } else if (value instanceof Map<?, ?> map && key == null) {
            map.forEach((name, entry) -> {
                if (entry != null) {
                    entries.computeIfAbsent(String.valueOf(name), entryKey -> new Attribute(tag, entryKey))
                            .add(profile, entry);
                }
            });
        }
    }

    void remove(int profile, Object value) {
        present.remove(profile);
        if (value instanceof Number number) {
            numbers.remove(group(number.doubleValue()), bucket(number.doubleValue()), profile);
        } else if (value instanceof String text) {
            remove(texts, text, profile);
        } else if (value instanceof Boolean flag) {
            remove(flags, flag, profile);
        } else if (value instanceof Instant time) {
            times.remove(group(time), bucket(time), profile);
        } else if (value instanceof Map<?, ?> map && key == null) {
            map.forEach((name, entry) -> {
                Attribute attribute = entries.get(String.valueOf(name));
                if (entry != null && attribute != null) {
                    attribute.remove(profile, entry);
                    if (attribute.present.isEmpty()) {
                        entries.remove(String.valueOf(name));
                    }
                }
            });
        }
    }

    /** A value nobody holds any longer takes no memory. */
    private static <K> void remove(NavigableMap<K, RoaringBitmap> values, K value, int profile) {
        RoaringBitmap holders = values.get(value);
        if (holders != null) {
            holders.remove(profile);
            if (holders.isEmpty()) {
                values.remove(value);
            }
        }
    }

    private static <K> void removeFrom(NavigableMap<K, ? extends Bucket<?>> buckets, K bound, int profile) {
        Bucket<?> bucket = buckets.get(bound);
        if (bucket != null) {
            bucket.profiles.remove(profile);
            if (bucket.profiles.isEmpty()) {
                buckets.remove(bound);
            }
        }
    }

    /** Bytes the bitmaps take, as RoaringBitmap counts them (keys and map nodes not included). */
    long bitmapBytes() {
        long bytes = present.getLongSizeInBytes();
        for (RoaringBitmap holders : texts.values()) {
            bytes += holders.getLongSizeInBytes();
        }
        for (RoaringBitmap holders : flags.values()) {
            bytes += holders.getLongSizeInBytes();
        }
        bytes += numbers.bitmapBytes();
        bytes += times.bitmapBytes();
        for (Attribute entry : entries.values()) {
            bytes += entry.bitmapBytes();
        }
        return bytes;
    }
}
