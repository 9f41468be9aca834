package dev.cdp.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A condition on what a profile did: events counted or summed over a window, or one event not
 * followed by another. It reads tags computed from the events ({@link #tags()}, each an
 * {@link EventTag} that tag-service keeps current and backfills from its event log), so it is
 * decided like any other condition on tags.
 */
public sealed interface Behaviour extends Condition permits Behaviour.Did, Behaviour.ThenNot {

    /** The windows a behaviour counts over, in days: those tag-service computes. */
    List<Integer> WINDOWS = List.of(1, 7, 30, 90, 365);

    /** The event fields a WHERE filter may read. */
    Pattern EVENT_FIELD = Pattern.compile("channel|type|(properties|traits)\\.[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?");

    /** The tags the condition reads. */
    List<EventTag> tags();

    /** What the condition read, for an explanation: the count or sum, or the times of the two events. */
    Object observed(Map<String, ?> values);

    /** Why {@code where} cannot filter events, or null when it can. */
    static String filterProblem(Condition where) {
        String[] problem = {null};
        Conditions.visit(where, node -> {
            if (problem[0] != null) {
                return;
            }
            if (node instanceof Behaviour || node instanceof InSegment) {
                problem[0] = "a WHERE filter reads the event's own fields; it cannot hold DID or IN SEGMENT";
            } else if (node instanceof Within || node instanceof Before) {
                problem[0] = "a WHERE filter compares the event's fields with values, not with the clock";
            } else if (node instanceof OnValue onValue
                    && !EVENT_FIELD.matcher(onValue.tag()).matches()) {
                problem[0] = "'" + onValue.tag() + "' is no field of an event; a WHERE filter reads channel, type,"
                        + " properties.<name> or traits.<name>"
                        + (onValue.tag().contains(".") ? "" : " (properties." + onValue.tag() + "?)");
            }
        });
        return problem[0];
    }

    private static String quoted(String event) {
        return "\"" + event.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String whereText(Condition where) {
        if (where == null) {
            return "";
        }
        return " WHERE " + (where instanceof AnyOf ? "(" + where.text() + ")" : where.text());
    }

    /**
     * {@code DID "Product Viewed" WHERE properties.category = 'skincare' AT LEAST 3 TIMES IN 7 DAYS}:
     * the number of such events (or with {@code sumOf}, the sum of that property over them) in the
     * last {@code days} UTC days, today included, compared with {@code amount}. No events count 0:
     * {@code DID NOT …} is a count of 0, {@code AT MOST 2 TIMES} holds for someone who never came.
     *
     * @param sumOf the property summed ({@code WITH SUM(properties.revenue) >= 500}), or null to count
     */
    record Did(String event, Condition where, String sumOf, Operator operator, double amount, int days)
            implements Behaviour {

        /** Why this cannot be decided, or null when it can: for conditions built otherwise than by parsing. */
        public String problem() {
            if (event == null || event.isBlank()) {
                return "the event's name is missing";
            }
            if (!WINDOWS.contains(days)) {
                return days + " days is not a window: behaviour counts over 1, 7, 30, 90 or 365 days";
            }
            if (where != null && filterProblem(where) != null) {
                return filterProblem(where);
            }
            if (sumOf != null) {
                return EVENT_FIELD.matcher(sumOf).matches() && sumOf.startsWith("properties.")
                        ? null
                        : "SUM reads a number property of the event, such as properties.revenue";
            }
            boolean counted = (operator == Operator.GE && amount >= 1)
                    || (operator == Operator.LE && amount >= 0)
                    || (operator == Operator.EQ && amount == 0);
            return counted && amount == Math.rint(amount) ? null : "a count is AT LEAST n (n ≥ 1) or AT MOST n TIMES";
        }

        public EventTag tag() {
            return tags().get(0);
        }

        @Override
        public List<EventTag> tags() {
            return BehaviourTags.of(
                    this,
                    () -> List.of(EventTag.of(
                            sumOf == null ? "COUNT" : "SUM", event, where == null ? "" : where.text(), sumOf, days)));
        }

        /** The count or sum read: 0 when the tag is missing (no events). */
        @Override
        public Object observed(Map<String, ?> values) {
            Object value = values.get(tag().code());
            return value == null ? 0.0 : value;
        }

        /** As {@link #onTag()} decides it: a value that is no number (which tag-service never writes) holds nothing. */
        @Override
        public boolean test(Map<String, ?> values, Context context) {
            Integer comparison = new Literal.Number(amount).compareTo(observed(values));
            return comparison != null && operator.holds(comparison);
        }

        /** The same condition on the tag alone, as an engine indexing tags decides it: a missing count is 0. */
        public Condition onTag() {
            Condition compared = new Compare(tag().code(), operator, new Literal.Number(amount));
            Integer zero = new Literal.Number(amount).compareTo(0.0);
            return zero != null && operator.holds(zero)
                    ? Condition.any(List.of(new Presence(tag().code(), false), compared))
                    : compared;
        }

        @Override
        public String text() {
            String quantity;
            if (sumOf != null) {
                quantity = " WITH SUM(" + sumOf + ") " + operator.symbol() + " " + new Literal.Number(amount).text();
            } else if (operator == Operator.GE && amount > 1) {
                quantity = " AT LEAST " + (long) amount + " TIMES";
            } else if (operator == Operator.LE) {
                quantity = " AT MOST " + (long) amount + " TIMES";
            } else {
                quantity = "";
            }
            boolean not = sumOf == null && operator == Operator.EQ;
            return "DID " + (not ? "NOT " : "") + quoted(event) + whereText(where) + quantity + " IN "
                    + Spans.text(Duration.ofDays(days));
        }
    }

    /**
     * {@code DID "Cart Added" THEN NOT "Order Completed" WITHIN 2 HOURS}: the latest {@code first}
     * event is at least {@code within} old and no {@code then} event came at or after it (a late
     * order still ends it: the person converted). Reads the time of the latest of each.
     */
    record ThenNot(String first, Condition firstWhere, String then, Condition thenWhere, Duration within)
            implements Behaviour {

        public String problem() {
            if (first == null || first.isBlank() || then == null || then.isBlank()) {
                return "both events are named";
            }
            if (within == null || within.compareTo(Duration.ofHours(1)) < 0 || within.compareTo(Spans.MAX) > 0) {
                return "the span is from 1 hour to " + Spans.MAX.toDays() + " days";
            }
            String problem = firstWhere == null ? null : filterProblem(firstWhere);
            return problem != null ? problem : thenWhere == null ? null : filterProblem(thenWhere);
        }

        public EventTag firstTag() {
            return tags().get(0);
        }

        public EventTag thenTag() {
            return tags().get(1);
        }

        private static EventTag latest(String event, Condition where) {
            return EventTag.of("LAST", event, where == null ? "" : where.text(), "timestamp", 0);
        }

        @Override
        public List<EventTag> tags() {
            return BehaviourTags.of(this, () -> List.of(latest(first, firstWhere), latest(then, thenWhere)));
        }

        @Override
        public Map<String, Instant> observed(Map<String, ?> values) {
            Map<String, Instant> times = new LinkedHashMap<>();
            times.put(first, values.get(firstTag().code()) instanceof Instant at ? at : null);
            times.put(then, values.get(thenTag().code()) instanceof Instant at ? at : null);
            return times;
        }

        @Override
        public boolean test(Map<String, ?> values, Context context) {
            if (!(values.get(firstTag().code()) instanceof Instant started)
                    || started.isAfter(context.now().minus(within))) {
                return false;
            }
            return !(values.get(thenTag().code()) instanceof Instant followed) || followed.isBefore(started);
        }

        @Override
        public String text() {
            return "DID " + quoted(first) + whereText(firstWhere) + " THEN NOT " + quoted(then) + whereText(thenWhere)
                    + " WITHIN " + Spans.text(within);
        }
    }
}
