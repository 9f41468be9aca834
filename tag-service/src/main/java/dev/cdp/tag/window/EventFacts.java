package dev.cdp.tag.window;

import com.google.protobuf.Struct;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One event as the values rule tags filter and aggregate: {@code event} (the track, page or
 * screen name), {@code type}, {@code channel}, {@code timestamp} (an Instant),
 * {@code properties.<name>} and {@code traits.<name>} (scalars, one level of nesting).
 */
public final class EventFacts {

    private final Map<String, Object> values;
    private final Instant at;
    private final String messageId;

    private EventFacts(Map<String, Object> values, Instant at, String messageId) {
        this.values = values;
        this.at = at;
        this.messageId = messageId;
    }

    public static EventFacts of(Event event) {
        Map<String, Object> values = new HashMap<>();
        String name = switch (event.getType()) {
            case TRACK -> event.getEvent();
            case PAGE, SCREEN -> event.getName();
            default -> "";
        };
        values.put("event", name);
        values.put("type", event.getType().name().toLowerCase(Locale.ROOT));
        values.put("channel", event.getContext().getChannel());
        Instant at = ProtoTime.instant(event.getTimestamp());
        values.put("timestamp", at);
        flatten("properties", event.getProperties(), values, 2);
        flatten("traits", event.getTraits(), values, 2);
        return new EventFacts(values, at, event.getMessageId());
    }

    private static void flatten(String prefix, Struct struct, Map<String, Object> into, int depth) {
        struct.getFieldsMap().forEach((key, value) -> {
            String name = prefix + "." + key;
            switch (value.getKindCase()) {
                case NUMBER_VALUE -> into.put(name, value.getNumberValue());
                case STRING_VALUE -> into.put(name, value.getStringValue());
                case BOOL_VALUE -> into.put(name, value.getBoolValue());
                case STRUCT_VALUE -> {
                    if (depth > 1) {
                        flatten(name, value.getStructValue(), into, depth - 1);
                    }
                }
                default -> {
                    // Lists and nulls are not aggregated.
                }
            }
        });
    }

    /** For tests and backfill fixtures: an event given as its fact values. */
    public static EventFacts of(Map<String, Object> values, String messageId) {
        return new EventFacts(Map.copyOf(values), (Instant) values.get("timestamp"), messageId);
    }

    public Map<String, Object> values() {
        return values;
    }

    public Instant at() {
        return at;
    }

    public String messageId() {
        return messageId;
    }

    public String eventName() {
        return (String) values.get("event");
    }

    /** The first present of {@code a|b|c}. */
    Object read(String property) {
        int bar = property.indexOf('|');
        if (bar < 0) {
            return values.get(property);
        }
        for (String alternative : property.split("\\|")) {
            Object value = values.get(alternative.strip());
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A number, or a string holding one (SDKs often send prices as text); else null. */
    Double number(String property) {
        Object value = read(property);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The value as text: numbers without a trailing .0, instants as epoch milliseconds. */
    String text(String property) {
        Object value = read(property);
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return Long.toString(instant.toEpochMilli());
        }
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }
}
