package dev.cdp.tag.catalogue;

import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import dev.cdp.tag.value.Value;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tag's value as it is given (a derived tag's case, a CSV cell, JSON), checked against the tag's definition. */
public final class ValueParser {

    private ValueParser() {}

    /** {@link #parse(ValueType, Object)}, and an enum value must be one of the tag's. */
    public static Value parse(TagDefinition tag, Object given) {
        Value value = parse(tag.valueType(), given);
        if (value instanceof Value.Text text
                && tag.valueType() == ValueType.ENUM
                && !tag.enumValues().isEmpty()
                && !tag.enumValues().contains(text.value())) {
            throw new IllegalArgumentException("\"" + text.value() + "\" is not one of " + tag.enumValues());
        }
        return value;
    }

    /**
     * A value of {@code type} given as text (a derived tag's case, a CSV cell) or as JSON.
     *
     * @throws IllegalArgumentException saying why the value is not of that type
     */
    static Value parse(ValueType type, Object given) {
        if (given == null) {
            throw new IllegalArgumentException("a value is required");
        }
        String text = given.toString().strip();
        switch (type) {
            case NUMBER -> {
                if (given instanceof Number number) {
                    return Value.of(number.doubleValue());
                }
                try {
                    return Value.of(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a number");
                }
            }
            case BOOL -> {
                if (given instanceof Boolean flag) {
                    return Value.of(flag);
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Value.of(Boolean.parseBoolean(text));
                }
                throw new IllegalArgumentException("\"" + text + "\" is not true or false");
            }
            case TIMESTAMP -> {
                try {
                    return Value.of(OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "\"" + text + "\" is not an ISO-8601 date-time such as 2026-11-28T10:00:00Z");
                }
            }
            case WEIGHTED_MAP -> {
                if (given instanceof Map<?, ?> map) {
                    Map<String, Double> weights = new LinkedHashMap<>();
                    map.forEach((key, weight) -> {
                        if (!(weight instanceof Number number)) {
                            throw new IllegalArgumentException("weight of \"" + key + "\" is not a number");
                        }
                        weights.put(key.toString(), number.doubleValue());
                    });
                    return Value.of(weights);
                }
                throw new IllegalArgumentException("a weighted map is a JSON object of numbers, e.g. {\"shoes\": 3}");
            }
            default -> {
                if (given instanceof Map<?, ?> || text.isEmpty()) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a text value");
                }
                return Value.of(text);
            }
        }
    }
}
