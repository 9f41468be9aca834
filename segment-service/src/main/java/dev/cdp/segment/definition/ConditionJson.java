package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.rules.Behaviour;
import dev.cdp.rules.Condition;
import dev.cdp.rules.Literal;
import dev.cdp.rules.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A segment's condition as a versioned JSON tree, the form tools build and store; the same tree
 * as the rule text ({@link Condition#text()}), so either form reads back as the other:
 *
 * <pre>
 * {"version": 1, "condition": {"all": [
 *     {"tag": "total_spend", "op": "&gt;=", "value": 100},
 *     {"tag": "city", "op": "in", "values": ["Shanghai", "Beijing"]},
 *     {"tag": "last_order_at", "op": "within", "days": 30},
 *     {"not": {"segment": "churned"}},
 *     {"did": "Product Viewed", "where": {"tag": "properties.category", "op": "=", "value": "skincare"},
 *      "atLeast": 3, "days": 7}]}}
 * </pre>
 *
 * Nodes: {@code all} / {@code any} (lists), {@code not}, {@code segment}, and conditions on a
 * {@code tag} with {@code op}: a comparison ({@code = != < <= > >=}) and a {@code value};
 * {@code in} / {@code not in} / {@code between} and {@code values}; {@code contains} and a text
 * {@code value}; {@code is set} / {@code is not set}; {@code within} / {@code before} and
 * {@code days} or {@code hours}. Behaviours: {@code did} (or {@code didNot}) an event name, an
 * optional {@code where} condition on the event's fields, {@code atLeast} / {@code atMost} a count
 * or {@code sum} a property with {@code op} and {@code value}, and {@code days}; or {@code did},
 * {@code thenNot} a second event (its filter {@code thenWhere}) and {@code hours} or {@code days}.
 * A tree that breaks these is refused naming its path, e.g.
 * {@code definition.condition.all[1].op}.
 */
public final class ConditionJson {

    public static final int VERSION = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ROOT = "definition";

    private ConditionJson() {}

    /** @throws InvalidSegmentException naming the path of the node that is wrong */
    public static Condition read(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw new InvalidSegmentException(ROOT, "must be an object {\"version\": 1, \"condition\": {...}}");
        }
        JsonNode version = definition.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new InvalidSegmentException(
                    ROOT + ".version", "must be " + VERSION + ", the version of the condition format");
        }
        only(definition, ROOT, Set.of("version", "condition"));
        return node(definition.get("condition"), ROOT + ".condition", 0);
    }

    public static ObjectNode write(Condition condition) {
        ObjectNode definition = JSON.objectNode();
        definition.put("version", VERSION);
        definition.set("condition", node(condition));
        return definition;
    }

    private static Condition node(JsonNode node, String path, int depth) {
        if (node == null || !node.isObject()) {
            throw new InvalidSegmentException(
                    path, "must be a condition object, e.g. {\"tag\": \"total_spend\", \"op\": \">\", \"value\": 100}");
        }
        if (depth > 64) {
            throw new InvalidSegmentException(path, "is nested deeper than 64 levels");
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            only(node, path, Set.of(key));
            JsonNode parts = node.get(key);
            if (!parts.isArray() || parts.isEmpty()) {
                throw new InvalidSegmentException(path + "." + key, "must be a non-empty list of conditions");
            }
            List<Condition> read = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                read.add(node(parts.get(i), path + "." + key + "[" + i + "]", depth + 1));
            }
            return key.equals("all") ? Condition.all(read) : Condition.any(read);
        }
        if (node.has("not")) {
            only(node, path, Set.of("not"));
            return new Condition.Not(node(node.get("not"), path + ".not", depth + 1));
        }
        if (node.has("segment")) {
            only(node, path, Set.of("segment"));
            return new Condition.InSegment(text(node.get("segment"), path + ".segment"));
        }
        if (node.has("did") || node.has("didNot")) {
            return behaviour(node, path, depth);
        }
        if (!node.has("tag")) {
            throw new InvalidSegmentException(path, "names none of all, any, not, segment, did, didNot or tag");
        }
        String tag = text(node.get("tag"), path + ".tag");
        String op = text(node.get("op"), path + ".op").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Operator comparison = Operator.bySymbol(op);
        if (comparison != null) {
            only(node, path, Set.of("tag", "op", "value"));
            return new Condition.Compare(tag, comparison, literal(node.get("value"), path + ".value"));
        }
        return switch (op) {
            case "in", "not in" -> {
                only(node, path, Set.of("tag", "op", "values"));
                yield new Condition.InList(tag, literals(node.get("values"), path + ".values", 1), op.equals("not in"));
            }
            case "between" -> {
                only(node, path, Set.of("tag", "op", "values"));
                List<Literal> ends = literals(node.get("values"), path + ".values", 2);
                if (ends.size() != 2) {
                    throw new InvalidSegmentException(path + ".values", "must hold the two ends, low and high");
                }
                yield new Condition.Between(tag, ends.get(0), ends.get(1));
            }
            case "contains" -> {
                only(node, path, Set.of("tag", "op", "value"));
                yield new Condition.Contains(tag, text(node.get("value"), path + ".value"));
            }
            case "is set", "is not set" -> {
                only(node, path, Set.of("tag", "op"));
                yield new Condition.Presence(tag, op.equals("is set"));
            }
            case "within", "before" -> {
                Duration span = span(node, path);
                yield op.equals("within") ? new Condition.Within(tag, span) : new Condition.Before(tag, span);
            }
            default ->
                throw new InvalidSegmentException(
                        path + ".op",
                        "\"" + op + "\" is not an operator; use one of = != < <= > >= "
                                + "in, not in, between, contains, is set, is not set, within, before");
        };
    }

    private static Behaviour behaviour(JsonNode node, String path, int depth) {
        boolean not = node.has("didNot");
        String event = text(node.get(not ? "didNot" : "did"), path + (not ? ".didNot" : ".did"));
        Condition where = filter(node, "where", path, depth);
        if (!not && node.has("thenNot")) {
            boolean days = node.has("days");
            only(node, path, Set.of("did", "where", "thenNot", "thenWhere", days ? "days" : "hours"));
            Behaviour.ThenNot sequence = new Behaviour.ThenNot(
                    event,
                    where,
                    text(node.get("thenNot"), path + ".thenNot"),
                    filter(node, "thenWhere", path, depth),
                    days
                            ? Duration.ofDays(whole(node, "days", path, 1))
                            : Duration.ofHours(whole(node, "hours", path, 1)));
            if (sequence.problem() != null) {
                throw new InvalidSegmentException(path, sequence.problem());
            }
            return sequence;
        }
        Operator operator = not ? Operator.EQ : Operator.GE;
        double amount = not ? 0 : 1;
        String sum = null;
        if (not) {
            only(node, path, Set.of("didNot", "where", "days"));
        } else if (node.has("sum")) {
            only(node, path, Set.of("did", "where", "sum", "op", "value", "days"));
            sum = text(node.get("sum"), path + ".sum");
            operator = Operator.bySymbol(text(node.get("op"), path + ".op"));
            if (operator == null) {
                throw new InvalidSegmentException(path + ".op", "must be one of = != < <= > >=");
            }
            JsonNode value = node.get("value");
            if (value == null || !value.isNumber()) {
                throw new InvalidSegmentException(path + ".value", "must be a number");
            }
            amount = value.doubleValue();
        } else if (node.has("atMost")) {
            only(node, path, Set.of("did", "where", "atMost", "days"));
            operator = Operator.LE;
            amount = whole(node, "atMost", path, 0);
        } else {
            only(node, path, Set.of("did", "where", "atLeast", "days"));
            amount = node.has("atLeast") ? whole(node, "atLeast", path, 1) : 1;
        }
        Behaviour.Did did = new Behaviour.Did(event, where, sum, operator, amount, whole(node, "days", path, 1));
        if (did.problem() != null) {
            throw new InvalidSegmentException(path, did.problem());
        }
        return did;
    }

    /** A behaviour's filter on the event's own fields, or null when there is none. */
    private static Condition filter(JsonNode node, String field, String path, int depth) {
        if (!node.has(field)) {
            return null;
        }
        Condition where = node(node.get(field), path + "." + field, depth + 1);
        String problem = Behaviour.filterProblem(where);
        if (problem != null) {
            throw new InvalidSegmentException(path + "." + field, problem);
        }
        return where;
    }

    private static int whole(JsonNode node, String field, String path, int min) {
        JsonNode count = node.get(field);
        if (count == null || !count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < min) {
            throw new InvalidSegmentException(path + "." + field, "must be a whole number of at least " + min);
        }
        return count.intValue();
    }

    /** {@code "days": 30} or {@code "hours": 2}; the rule language bounds the span when the tree is checked as text. */
    private static Duration span(JsonNode node, String path) {
        boolean days = node.has("days");
        only(node, path, Set.of("tag", "op", days ? "days" : "hours"));
        JsonNode count = node.get(days ? "days" : "hours");
        if (count == null || !count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 1) {
            throw new InvalidSegmentException(
                    path + (days ? ".days" : ".hours"), "must be a whole number of at least 1, as in \"days\": 30");
        }
        return days ? Duration.ofDays(count.intValue()) : Duration.ofHours(count.intValue());
    }

    private static List<Literal> literals(JsonNode values, String path, int min) {
        if (values == null || !values.isArray() || values.size() < min) {
            throw new InvalidSegmentException(path, "must be a list of values");
        }
        List<Literal> literals = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Literal literal = literal(values.get(i), path + "[" + i + "]");
            if (!literals.isEmpty() && literal.getClass() != literals.get(0).getClass()) {
                throw new InvalidSegmentException(
                        path + "[" + i + "]", "mixes kinds of values; write all numbers, all text or all true/false");
            }
            literals.add(literal);
        }
        return List.copyOf(literals);
    }

    private static Literal literal(JsonNode value, String path) {
        if (value != null && value.isNumber()) {
            return new Literal.Number(value.doubleValue());
        }
        if (value != null && value.isBoolean()) {
            return new Literal.Flag(value.booleanValue());
        }
        return new Literal.Text(text(value, path));
    }

    private static String text(JsonNode value, String path) {
        if (value == null || !value.isTextual()) {
            throw new InvalidSegmentException(path, "must be a string");
        }
        if (value.textValue().indexOf('\0') >= 0) {
            throw new InvalidSegmentException(path, "holds a NUL character (\\u0000), which is not allowed");
        }
        return value.textValue();
    }

    /** Refuses a field a node of this kind does not have: a typo would otherwise be ignored. */
    private static void only(JsonNode node, String path, Set<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidSegmentException(
                        path + "." + name, "is not a field of this condition; it has " + String.join(", ", fields));
            }
        }
    }

    private static JsonNode node(Condition condition) {
        ObjectNode node = JSON.objectNode();
        if (condition instanceof Condition.AllOf all) {
            ArrayNode parts = node.putArray("all");
            all.parts().forEach(part -> parts.add(node(part)));
        } else if (condition instanceof Condition.AnyOf any) {
            ArrayNode parts = node.putArray("any");
            any.parts().forEach(part -> parts.add(node(part)));
        } else if (condition instanceof Condition.Not not) {
            node.set("not", node(not.inner()));
        } else if (condition instanceof Condition.InSegment in) {
            node.put("segment", in.segment());
        } else if (condition instanceof Condition.OnValue onValue) {
            node.put("tag", onValue.tag());
            onValue(onValue, node);
        } else if (condition instanceof Behaviour.Did did) {
            did(did, node);
        } else if (condition instanceof Behaviour.ThenNot sequence) {
            node.put("did", sequence.first());
            if (sequence.firstWhere() != null) {
                node.set("where", node(sequence.firstWhere()));
            }
            node.put("thenNot", sequence.then());
            if (sequence.thenWhere() != null) {
                node.set("thenWhere", node(sequence.thenWhere()));
            }
            span(sequence.within(), node);
        }
        return node;
    }

    private static void did(Behaviour.Did did, ObjectNode node) {
        boolean not = did.sumOf() == null && did.operator() == Operator.EQ;
        node.put(not ? "didNot" : "did", did.event());
        if (did.where() != null) {
            node.set("where", node(did.where()));
        }
        if (did.sumOf() != null) {
            node.put("sum", did.sumOf());
            node.put("op", did.operator().symbol());
            node.set("value", value(new Literal.Number(did.amount())));
        } else if (did.operator() == Operator.LE) {
            node.put("atMost", (long) did.amount());
        } else if (!not && did.amount() > 1) {
            node.put("atLeast", (long) did.amount());
        }
        node.put("days", did.days());
    }

    private static void onValue(Condition.OnValue condition, ObjectNode node) {
        if (condition instanceof Condition.Compare compare) {
            node.put("op", compare.operator().symbol());
            node.set("value", value(compare.literal()));
        } else if (condition instanceof Condition.InList in) {
            node.put("op", in.negated() ? "not in" : "in");
            ArrayNode values = node.putArray("values");
            in.literals().forEach(literal -> values.add(value(literal)));
        } else if (condition instanceof Condition.Between between) {
            node.put("op", "between");
            node.putArray("values").add(value(between.low())).add(value(between.high()));
        } else if (condition instanceof Condition.Contains contains) {
            node.put("op", "contains");
            node.put("value", contains.part());
        } else if (condition instanceof Condition.Presence presence) {
            node.put("op", presence.set() ? "is set" : "is not set");
        } else if (condition instanceof Condition.Within within) {
            node.put("op", "within");
            span(within.span(), node);
        } else if (condition instanceof Condition.Before before) {
            node.put("op", "before");
            span(before.ago(), node);
        }
    }

    private static void span(Duration span, ObjectNode node) {
        if (span.toHours() % 24 == 0) {
            node.put("days", span.toDays());
        } else {
            node.put("hours", span.toHours());
        }
    }

    private static JsonNode value(Literal literal) {
        if (literal instanceof Literal.Number number) {
            double value = number.value();
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? JSON.numberNode((long) value)
                    : JSON.numberNode(value);
        }
        if (literal instanceof Literal.Flag flag) {
            return JSON.booleanNode(flag.value());
        }
        return JSON.textNode(((Literal.Text) literal).value());
    }
}
