package dev.cdp.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The tag values of synthetic profile i, the same wherever they are loaded (Redis, PostgreSQL, memory). */
final class SyntheticTags {

    static final long NOW = 1_790_000_000_000L;
    private static final long DAY = 86_400_000L;

    private SyntheticTags() {}

    /** Plain text values, as loaded into PostgreSQL for the SQL baseline. */
    static Map<String, String> of(long i) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 11);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("event_count_30d", Integer.toString(random.nextInt(1, 80)));
        tags.put("order_count_30d", Integer.toString(random.nextInt(0, 6)));
        tags.put("order_count_total", Integer.toString(random.nextInt(0, 40)));
        tags.put("total_spend", String.format("%.2f", random.nextDouble(0, 5000)));
        tags.put("first_seen_at", Long.toString(NOW - random.nextLong(30 * DAY, 400 * DAY)));
        tags.put("last_seen_at", Long.toString(NOW - random.nextLong(1, 30 * DAY)));
        tags.put("last_channel", random.nextBoolean() ? "web" : random.nextBoolean() ? "app" : "mini_program");
        return tags;
    }

    /** Stored form, as tag-service keeps them in Redis: typed text such as n:12, t:<epoch ms>, s:web. */
    static Map<String, String> stored(long i) {
        Map<String, String> stored = new LinkedHashMap<>();
        of(i).forEach((tag, value) ->
                stored.put(tag, (tag.endsWith("_at") ? "t:" : tag.equals("last_channel") ? "s:" : "n:") + value));
        return stored;
    }
}
