package dev.cdp.rules;

import java.util.List;
import java.util.Map;

/**
 * A compiled rule node. Evaluation reads the value map only: no parsing, no allocation. Values
 * are {@link Number}, {@link String}, {@link Boolean}, {@link java.time.Instant} or, for weighted
 * maps, {@code Map<String, Number>}.
 */
sealed interface Condition permits Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.Presence, Comparison {

    boolean test(Map<String, ?> tags);

    /**
     * The value named {@code name}; {@code map.key} reads one entry of a weighted map, so
     * {@code browse_category_30d.shoes >= 3} works on {shoes: 4, bags: 1}.
     */
    static Object lookup(Map<String, ?> values, String name) {
        Object value = values.get(name);
        if (value != null) {
            return value;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return values.get(name.substring(0, dot)) instanceof Map<?, ?> map ? map.get(name.substring(dot + 1)) : null;
    }

    record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, ?> tags) {
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).test(tags)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, ?> tags) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(tags)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Map<String, ?> tags) {
            return !inner.test(tags);
        }
    }

    /** {@code tag IS SET} ({@code set} true) or {@code tag IS NOT SET}. */
    record Presence(String tag, boolean set) implements Condition {
        @Override
        public boolean test(Map<String, ?> tags) {
            return (Condition.lookup(tags, tag) != null) == set;
        }
    }
}
