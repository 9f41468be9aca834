package dev.cdp.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A compiled rule node: the syntax tree a rule's text parses to, which evaluates, prints back to
 * text ({@link #text()}, which parses to an equal tree) and is what other forms (a segment's JSON)
 * map to. Evaluation reads the value map and the context only. Values are {@link Number},
 * {@link String}, {@link Boolean}, {@link Instant} or, for weighted maps, {@code Map<String, Number>}.
 * A condition on a value that is missing, or whose type does not compare with the literal, is
 * false, whatever the operator: {@code NOT IN} and {@code !=} hold only for a value that is there.
 */
public sealed interface Condition
        permits Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.OnValue, Condition.InSegment, Behaviour {

    boolean test(Map<String, ?> values, Context context);

    /** The condition in the rule language; parsing it gives an equal condition. */
    String text();

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

    /** All of {@code parts}, with nested all-of groups taken in, so equal conditions have one tree. */
    static Condition all(List<Condition> parts) {
        List<Condition> flat = new ArrayList<>();
        parts.forEach(part -> flat.addAll(part instanceof AllOf all ? all.parts() : List.of(part)));
        return flat.size() == 1 ? flat.get(0) : new AllOf(List.copyOf(flat));
    }

    /** Any of {@code parts}, with nested any-of groups taken in. */
    static Condition any(List<Condition> parts) {
        List<Condition> flat = new ArrayList<>();
        parts.forEach(part -> flat.addAll(part instanceof AnyOf any ? any.parts() : List.of(part)));
        return flat.size() == 1 ? flat.get(0) : new AnyOf(List.copyOf(flat));
    }

    /** A condition on one named value (a tag, or an event field in a tag's filter). */
    sealed interface OnValue extends Condition permits Compare, InList, Between, Contains, Presence, Within, Before {
        String tag();
    }

    record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).test(values, context)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String text() {
            return parts.stream()
                    .map(part -> part instanceof AnyOf ? "(" + part.text() + ")" : part.text())
                    .collect(Collectors.joining(" AND "));
        }
    }

    record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(values, context)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String text() {
            return parts.stream().map(Condition::text).collect(Collectors.joining(" OR "));
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            return !inner.test(values, context);
        }

        @Override
        public String text() {
            return "NOT "
                    + (inner instanceof AllOf || inner instanceof AnyOf ? "(" + inner.text() + ")" : inner.text());
        }
    }

    /** {@code tag op literal}. Flags have no order: only {@code =} and {@code !=} hold for them. */
    record Compare(String tag, Operator operator, Literal literal) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            if (literal instanceof Literal.Flag && !operator.isEquality()) {
                return false;
            }
            Integer comparison = literal.compareTo(lookup(values, tag));
            return comparison != null && operator.holds(comparison);
        }

        @Override
        public String text() {
            return tag + " " + operator.symbol() + " " + literal.text();
        }
    }

    /** {@code tag IN ('a', 'b')}, or {@code tag NOT IN (…)} when {@code negated}. */
    record InList(String tag, List<Literal> literals, boolean negated) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            Object value = lookup(values, tag);
            boolean typed = false;
            for (int i = 0; i < literals.size(); i++) {
                Integer comparison = literals.get(i).compareTo(value);
                if (comparison != null) {
                    typed = true;
                    if (comparison == 0) {
                        return !negated;
                    }
                }
            }
            return negated && typed;
        }

        @Override
        public String text() {
            return tag + (negated ? " NOT IN (" : " IN (")
                    + literals.stream().map(Literal::text).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code tag BETWEEN low AND high}, both ends included. */
    record Between(String tag, Literal low, Literal high) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            Object value = lookup(values, tag);
            Integer fromLow = low.compareTo(value);
            Integer fromHigh = high.compareTo(value);
            return fromLow != null
                    && fromHigh != null
                    && fromLow >= 0
                    && fromHigh <= 0
                    && !(low instanceof Literal.Flag);
        }

        @Override
        public String text() {
            return tag + " BETWEEN " + low.text() + " AND " + high.text();
        }
    }

    /** Text holding {@code part}, or a weighted map with {@code part} as a key of positive weight. */
    record Contains(String tag, String part) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            Object value = lookup(values, tag);
            if (value instanceof String text) {
                return text.contains(part);
            }
            return value instanceof Map<?, ?> map && map.get(part) instanceof Number weight && weight.doubleValue() > 0;
        }

        @Override
        public String text() {
            return tag + " CONTAINS " + new Literal.Text(part).text();
        }
    }

    /** {@code tag IS SET} ({@code set} true) or {@code tag IS NOT SET}. */
    record Presence(String tag, boolean set) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            return (lookup(values, tag) != null) == set;
        }

        @Override
        public String text() {
            return tag + (set ? " IS SET" : " IS NOT SET");
        }
    }

    /** {@code last_order_at WITHIN 30 DAYS}: a time no longer ago than {@code span} (or in the future). */
    record Within(String tag, Duration span) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            return lookup(values, tag) instanceof Instant time
                    && !time.isBefore(context.now().minus(span));
        }

        @Override
        public String text() {
            return tag + " WITHIN " + Spans.text(span);
        }
    }

    /** {@code last_order_at BEFORE 90 DAYS AGO}: a time longer ago than {@code ago}. */
    record Before(String tag, Duration ago) implements OnValue {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            return lookup(values, tag) instanceof Instant time
                    && time.isBefore(context.now().minus(ago));
        }

        @Override
        public String text() {
            return tag + " BEFORE " + Spans.text(ago) + " AGO";
        }
    }

    /** {@code IN SEGMENT 'vip'}: the profile is a member of the segment, as the context says. */
    record InSegment(String segment) implements Condition {
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            return context.inSegment().test(segment);
        }

        @Override
        public String text() {
            return "IN SEGMENT " + new Literal.Text(segment).text();
        }
    }
}
