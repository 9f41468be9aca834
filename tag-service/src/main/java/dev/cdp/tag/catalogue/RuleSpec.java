package dev.cdp.tag.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How a rule tag is computed from events: {@code function(property)} over the events named
 * {@code event} that satisfy {@code where}, within {@code window}, optionally per {@code groupBy}.
 * E.g. browse category frequency over 30 days: COUNT of "Product Viewed", group by
 * {@code properties.category}, 30 days.
 *
 * @param event the track/page/screen name, or null for every event
 * @param where a condition over {@code event}, {@code type}, {@code channel} and
 *     {@code properties.*}, or null
 * @param property the value aggregated ({@code properties.revenue}, {@code channel},
 *     {@code timestamp}); alternatives separated by {@code |} are tried in order
 * @param groupBy the property whose values key a weighted map (COUNT and SUM only), or null
 * @param windowDays 1, 7, 30, 90 or 365; 0 for lifetime
 * @param topN how many entries TOP_N keeps
 */
public record RuleSpec(
        Function function, String event, String where, String property, String groupBy, int windowDays, int topN) {

    public static final java.util.List<Integer> WINDOWS = java.util.List.of(0, 1, 7, 30, 90, 365);

    public enum Function {
        COUNT(false),
        SUM(true),
        MIN(true),
        MAX(true),
        DISTINCT_COUNT(true),
        FIRST(true),
        LAST(true),
        MOST_FREQUENT(true),
        TOP_N(true);

        private final boolean needsProperty;

        Function(boolean needsProperty) {
            this.needsProperty = needsProperty;
        }

        public boolean needsProperty() {
            return needsProperty;
        }
    }

    @JsonIgnore
    public boolean isLifetime() {
        return windowDays == 0;
    }
}
