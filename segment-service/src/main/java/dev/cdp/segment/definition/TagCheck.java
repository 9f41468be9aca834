package dev.cdp.segment.definition;

import dev.cdp.rules.Condition;
import dev.cdp.rules.Literal;
import dev.cdp.segment.tagcatalogue.KnownTag;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import java.util.List;
import java.util.Optional;

/**
 * Checks a condition against the tag catalogue: every tag it reads exists, is not retired, and
 * holds values of the kind the condition compares it with. A slip such as
 * {@code order_count_3d >= 1} would otherwise be accepted and match nobody, silently.
 */
final class TagCheck {

    private static final String WEIGHT = "WEIGHT";

    private TagCheck() {}

    /**
     * @param field where the condition came from: {@code rule} (the text; an error quotes the
     *     condition at fault) or {@code definition} (the JSON tree; an error names its path)
     * @throws InvalidSegmentException naming the condition at fault and why
     */
    static void check(Condition condition, TagCatalogue catalogue, String field) {
        walk(condition, "definition".equals(field) ? "definition.condition" : null, catalogue);
    }

    private static void walk(Condition node, String path, TagCatalogue catalogue) {
        if (node instanceof Condition.AllOf all) {
            parts(all.parts(), path, ".all", catalogue);
        } else if (node instanceof Condition.AnyOf any) {
            parts(any.parts(), path, ".any", catalogue);
        } else if (node instanceof Condition.Not not) {
            walk(not.inner(), path == null ? null : path + ".not", catalogue);
        } else if (node instanceof Condition.OnValue leaf) {
            String problem = problem(leaf, catalogue);
            if (problem != null) {
                throw path == null
                        ? new InvalidSegmentException("rule", leaf.text() + ": " + problem)
                        : new InvalidSegmentException(path, problem);
            }
        }
    }

    private static void parts(List<Condition> parts, String path, String key, TagCatalogue catalogue) {
        for (int i = 0; i < parts.size(); i++) {
            walk(parts.get(i), path == null ? null : path + key + "[" + i + "]", catalogue);
        }
    }

    private static String problem(Condition.OnValue leaf, TagCatalogue catalogue) {
        String name = leaf.tag();
        Optional<KnownTag> tag = catalogue.find(name);
        String type;
        if (tag.isPresent()) {
            type = tag.get().valueType();
        } else {
            // map.key reads one weight of a weighted map.
            int dot = name.lastIndexOf('.');
            Optional<KnownTag> map = dot < 0 ? Optional.empty() : catalogue.find(name.substring(0, dot));
            if (map.isEmpty() || !map.get().valueType().equals("WEIGHTED_MAP")) {
                return catalogue.unknown(name);
            }
            tag = map;
            type = WEIGHT;
        }
        if (tag.get().retired()) {
            return "tag " + tag.get().code() + " is retired: tag-service no longer computes it";
        }
        return mismatch(leaf, type, tag.get());
    }

    /** Why the condition cannot hold for values of {@code type}, or null when it can. */
    private static String mismatch(Condition.OnValue leaf, String type, KnownTag tag) {
        String what = leaf.tag() + " holds " + describe(type);
        if (leaf instanceof Condition.Compare compare) {
            return literal(compare.literal(), type, tag, what);
        }
        if (leaf instanceof Condition.InList in) {
            return in.literals().stream()
                    .map(literal -> literal(literal, type, tag, what))
                    .filter(problem -> problem != null)
                    .findFirst()
                    .orElse(null);
        }
        if (leaf instanceof Condition.Between between) {
            String low = literal(between.low(), type, tag, what);
            return low != null ? low : literal(between.high(), type, tag, what);
        }
        if (leaf instanceof Condition.Contains) {
            return List.of("STRING", "ENUM", "WEIGHTED_MAP").contains(type)
                    ? null
                    : what + "; CONTAINS reads text or a weighted map";
        }
        if (leaf instanceof Condition.Within || leaf instanceof Condition.Before) {
            return type.equals("TIMESTAMP") ? null : what + "; WITHIN and BEFORE … AGO read a time";
        }
        return null;
    }

    private static String literal(Literal literal, String type, KnownTag tag, String what) {
        if (literal instanceof Literal.Number) {
            return List.of("NUMBER", WEIGHT, "TIMESTAMP").contains(type)
                    ? null
                    : what + "; compare it with " + example(type);
        }
        if (literal instanceof Literal.Flag) {
            return type.equals("BOOL") ? null : what + "; compare it with " + example(type);
        }
        String text = ((Literal.Text) literal).value();
        if (type.equals("TIMESTAMP")) {
            return ((Literal.Text) literal).instant() != null
                    ? null
                    : what + "; '" + text + "' is not an ISO-8601 time such as '2026-11-11T00:00:00Z'";
        }
        if (type.equals("ENUM")
                && !tag.enumValues().isEmpty()
                && !tag.enumValues().contains(text)) {
            return "'" + text + "' is not a value of " + tag.code() + "; its values are " + tag.enumValues();
        }
        return List.of("STRING", "ENUM").contains(type) ? null : what + "; compare it with " + example(type);
    }

    private static String describe(String type) {
        return switch (type) {
            case "NUMBER" -> "numbers";
            case WEIGHT -> "a weight (a number)";
            case "BOOL" -> "true / false";
            case "TIMESTAMP" -> "times";
            case "WEIGHTED_MAP" -> "a weighted map";
            default -> "text";
        };
    }

    private static String example(String type) {
        return switch (type) {
            case "NUMBER", WEIGHT -> "a number, as in > 100";
            case "BOOL" -> "true or false";
            case "TIMESTAMP" -> "WITHIN 30 DAYS, BEFORE 90 DAYS AGO or a quoted ISO-8601 time";
            case "WEIGHTED_MAP" -> "CONTAINS 'key', or one key's weight as in browse_category_30d.shoes >= 3";
            default -> "quoted text, as in = 'app'";
        };
    }
}
