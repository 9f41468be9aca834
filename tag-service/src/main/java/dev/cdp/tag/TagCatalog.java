package dev.cdp.tag;

import java.util.Map;

/**
 * The tags the service maintains and how their stored text is read. Fields starting with '_'
 * are internal state kept beside the tags and never shown.
 */
public final class TagCatalog {

    /** How a tag's stored text is interpreted. */
    public enum Kind { NUMBER, TIME, TEXT }

    private static final Map<String, Kind> TAGS = Map.of(
            "event_count_30d", Kind.NUMBER,
            "order_count_30d", Kind.NUMBER,
            "order_count_total", Kind.NUMBER,
            "total_spend", Kind.NUMBER,
            "first_seen_at", Kind.TIME,
            "last_seen_at", Kind.TIME,
            "last_channel", Kind.TEXT);

    private TagCatalog() {
    }

    /** The kind of a public tag, or null for internal state and unknown fields. */
    public static Kind kindOf(String tag) {
        return TAGS.get(tag);
    }

    public static boolean isPublic(String field) {
        return TAGS.containsKey(field);
    }
}
