package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *     {"not": {"segment": "churned"}}]}}
 * </pre>
 *
 * Nodes: {@code all} / {@code any} (lists), {@code not}, {@code segment}, and conditions on a
 * {@code tag} with {@code op}: a comparison ({@code = != < <= > >=}) and a {@code value};
 * {@code in} / {@code not in} / {@code between} and {@code values}; {@code contains} and a text
 * {@code value}; {@code is set} / {@code is not set}; {@code within} / {@code before} and
 * {@code days} or {@code hours}. A tree that breaks these is refused naming its path, e.g.
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
        if (!node.has("tag")) {
            throw new InvalidSegmentException(path, "names none of all, any, not, segment or tag");
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
        }
        return node;
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
