package dev.cdp.tag.window;

import dev.cdp.rules.Rule;
import dev.cdp.tag.catalogue.RuleSpec;
import dev.cdp.tag.catalogue.RuleSpec.Function;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import dev.cdp.tag.value.Value;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A rule tag compiled for the event path: which events it takes, how one event changes its
 * buckets, and its value over the window at a given day. Immutable; one per catalogue version.
 */
public final class WindowedRule {

    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final TagDefinition definition;
    private final RuleSpec spec;
    private final Rule where;

    public WindowedRule(TagDefinition definition) {
        this.definition = definition;
        this.spec = definition.rule();
        this.where = spec.where() == null || spec.where().isBlank() ? null : Rule.compile(spec.where());
    }

    public String code() {
        return definition.code();
    }

    public TagDefinition definition() {
        return definition;
    }

    public static long epochDay(long millis) {
        return Math.floorDiv(millis, DAY_MILLIS);
    }

    public boolean accepts(EventFacts event) {
        return (spec.event() == null || spec.event().isBlank() || spec.event().equals(event.eventName()))
                && (where == null || where.matches(event.values()));
    }

    /**
     * Adds one accepted event to the state. An event that falls before the window still counts
     * for nothing, so a late event never revives an expired day.
     *
     * @return whether the state changed
     */
    public boolean apply(WindowState state, EventFacts event, long today) {
        long day =
                spec.isLifetime() ? WindowState.LIFETIME : epochDay(event.at().toEpochMilli());
        if (!spec.isLifetime() && day <= today - spec.windowDays()) {
            return false;
        }
        String group = spec.groupBy() == null || spec.groupBy().isBlank() ? null : event.text(spec.groupBy());
        if (spec.groupBy() != null && !spec.groupBy().isBlank() && group == null) {
            return false;
        }
        Function function = spec.function();
        if (function == Function.COUNT) {
            DayBucket bucket = state.bucket(day);
            if (group != null) {
                bucket.addWeight(group, 1);
            } else {
                bucket.addCount();
            }
            return true;
        }
        if (function == Function.SUM || function == Function.MIN || function == Function.MAX) {
            Double number = event.number(spec.property());
            if (number == null || number.isNaN() || number.isInfinite()) {
                return false;
            }
            DayBucket bucket = state.bucket(day);
            if (function != Function.SUM) {
                bucket.minMax(number);
            } else if (group != null) {
                bucket.addWeight(group, number);
            } else {
                bucket.addSum(number);
            }
            return true;
        }
        String text = event.text(spec.property());
        if (text == null) {
            return false;
        }
        DayBucket bucket = state.bucket(day);
        switch (function) {
            case DISTINCT_COUNT -> bucket.addDistinct(text);
            case FIRST, LAST -> bucket.firstLast(event.at().toEpochMilli(), text);
            default -> bucket.addWeight(text, 1);
        }
        return true;
    }

    /** Drops the days that left the window by {@code today}. */
    public void prune(WindowState state, long today) {
        if (!spec.isLifetime()) {
            state.days().headMap(today - spec.windowDays(), true).clear();
        }
    }

    /** When the value changes next without a new event (its oldest day leaves the window); null if never. */
    public Instant nextChange(WindowState state) {
        if (spec.isLifetime() || state.isEmpty()) {
            return null;
        }
        return Instant.ofEpochMilli((state.days().firstKey() + spec.windowDays()) * DAY_MILLIS);
    }

    /**
     * The value over the window ending {@code today} (buckets already pruned); null when there is
     * none. Counts and sums are 0 when empty.
     */
    public Value value(WindowState state) {
        DayBucket total = new DayBucket();
        if (state != null) {
            state.days().values().forEach(total::add);
        }
        boolean grouped = spec.groupBy() != null && !spec.groupBy().isBlank();
        return switch (spec.function()) {
            case COUNT -> grouped ? weights(total.weights) : Value.of(total.count == null ? 0 : total.count);
            case SUM -> grouped ? weights(total.weights) : Value.of(round(total.sum == null ? 0 : total.sum));
            case MIN -> total.min == null ? null : Value.of(total.min);
            case MAX -> total.max == null ? null : Value.of(total.max);
            case DISTINCT_COUNT -> Value.of(total.distinct == null ? 0 : total.distinct.size());
            case FIRST -> typed(total.first);
            case LAST -> typed(total.last);
            case MOST_FREQUENT ->
                total.weights == null
                        ? null
                        : typed(top(total.weights, 1).keySet().iterator().next());
            case TOP_N -> total.weights == null ? null : Value.of(top(total.weights, Math.max(1, spec.topN())));
        };
    }

    private static Value weights(Map<String, Double> weights) {
        if (weights == null || weights.isEmpty()) {
            return null;
        }
        Map<String, Double> rounded = new LinkedHashMap<>();
        weights.forEach((key, weight) -> rounded.put(key, round(weight)));
        return Value.of(rounded);
    }

    /** The heaviest n entries; ties go to the alphabetically first key, so the result is stable. */
    private static Map<String, Double> top(Map<String, Double> weights, int n) {
        List<Map.Entry<String, Double>> sorted = weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .toList();
        Map<String, Double> top = new LinkedHashMap<>();
        sorted.forEach(entry -> top.put(entry.getKey(), round(entry.getValue())));
        return top;
    }

    /** Sums of prices in binary floating point drift (0.1 + 0.2); six decimals are plenty for money and counts. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private Value typed(String text) {
        if (text == null) {
            return null;
        }
        ValueType type = definition.valueType();
        try {
            return switch (type) {
                case NUMBER -> Value.of(Double.parseDouble(text));
                case BOOL -> Value.of(Boolean.parseBoolean(text));
                case TIMESTAMP -> Value.of(Instant.ofEpochMilli(Long.parseLong(text)));
                default -> Value.of(text);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
