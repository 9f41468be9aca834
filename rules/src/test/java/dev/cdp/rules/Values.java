package dev.cdp.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test data builder: the value maps conditions read. */
final class Values {

    private Values() {}

    /**
     * {@code map("a", 1, "b", "x")}: names and values, alternating. Values are numbers, strings,
     * booleans, {@link Instant}s or weighted maps ({@code Map<String, Number>}).
     */
    static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (!(value instanceof Number
                    || value instanceof String
                    || value instanceof Boolean
                    || value instanceof Instant
                    || value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("no value type for " + value);
            }
            values.put((String) namesAndValues[i], value);
        }
        return values;
    }
}
