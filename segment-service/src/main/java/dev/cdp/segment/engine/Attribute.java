package dev.cdp.segment.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The inverted index of one value name (a tag, or one key of a weighted-map tag): who has a value
 * at all, and for each kind of value a sorted map from the value to the profiles holding it, so a
 * range ({@code > 100}, {@code BETWEEN}, {@code WITHIN}) is a walk over a sub-map of the sorted
 * keys, each bitmap taken whole. Numbers are keyed by their {@code double}, the value every
 * comparison reads. Not thread-safe: {@link SegmentEngine} guards it.
 */
final class Attribute {

    final RoaringBitmap present = new RoaringBitmap();
    final NavigableMap<Double, RoaringBitmap> numbers = new TreeMap<>();
    final NavigableMap<String, RoaringBitmap> texts = new TreeMap<>();
    final NavigableMap<Boolean, RoaringBitmap> flags = new TreeMap<>();
    final NavigableMap<Instant, RoaringBitmap> times = new TreeMap<>();
    /** The entries of weighted maps, by key: what {@code tag.key} and {@code CONTAINS 'key'} read. */
    final Map<String, Attribute> entries = new HashMap<>();

    void add(int profile, Object value) {
        present.add(profile);
        if (value instanceof Number number) {
            numbers.computeIfAbsent(number.doubleValue(), key -> new RoaringBitmap())
                    .add(profile);
        } else if (value instanceof String text) {
            texts.computeIfAbsent(text, key -> new RoaringBitmap()).add(profile);
        } else if (value instanceof Boolean flag) {
            flags.computeIfAbsent(flag, key -> new RoaringBitmap()).add(profile);
        } else if (value instanceof Instant time) {
            times.computeIfAbsent(time, key -> new RoaringBitmap()).add(profile);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> {
                if (entry != null) {
                    entries.computeIfAbsent(String.valueOf(key), name -> new Attribute())
                            .add(profile, entry);
                }
            });
        }
    }

    void remove(int profile, Object value) {
        present.remove(profile);
        if (value instanceof Number number) {
            remove(numbers, number.doubleValue(), profile);
        } else if (value instanceof String text) {
            remove(texts, text, profile);
        } else if (value instanceof Boolean flag) {
            remove(flags, flag, profile);
        } else if (value instanceof Instant time) {
            remove(times, time, profile);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> {
                Attribute attribute = entries.get(String.valueOf(key));
                if (entry != null && attribute != null) {
                    attribute.remove(profile, entry);
                    if (attribute.present.isEmpty()) {
                        entries.remove(String.valueOf(key));
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

    /** Bytes the bitmaps take, as RoaringBitmap counts them (keys and map nodes not included). */
    long bitmapBytes() {
        long bytes = present.getLongSizeInBytes();
        for (NavigableMap<?, RoaringBitmap> values : java.util.List.of(numbers, texts, flags, times)) {
            for (RoaringBitmap holders : values.values()) {
                bytes += holders.getLongSizeInBytes();
            }
        }
        for (Attribute entry : entries.values()) {
            bytes += entry.bitmapBytes();
        }
        return bytes;
    }
}
