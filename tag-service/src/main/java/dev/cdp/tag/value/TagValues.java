package dev.cdp.tag.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.Weights;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tag values in their three forms: plain Java (Double, String, Boolean, Instant, weighted
 * {@code Map<String, Double>}) for computing, self-describing text for Redis ({@code n:12.5},
 * {@code s:app}, {@code b:true}, {@code t:<epoch ms>}, {@code m:{"shoes":3}}) and the contract's
 * {@link TagValue}.
 */
public final class TagValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> WEIGHTS = new TypeReference<>() {
    };

    private TagValues() {
    }

    public static String encode(Object value) {
        if (value instanceof Double number) {
            return "n:" + number(number);
        }
        if (value instanceof String text) {
            return "s:" + text;
        }
        if (value instanceof Boolean flag) {
            return "b:" + flag;
        }
        if (value instanceof Instant time) {
            return "t:" + time.toEpochMilli();
        }
        if (value instanceof Map<?, ?> weights) {
            try {
                return "m:" + JSON.writeValueAsString(weights);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        throw new IllegalArgumentException("not a tag value: " + value);
    }

    /** @return the value, or null for text that no version of this service wrote */
    public static Object decode(String stored) {
        if (stored == null || stored.length() < 2 || stored.charAt(1) != ':') {
            return null;
        }
        String body = stored.substring(2);
        try {
            return switch (stored.charAt(0)) {
                case 'n' -> Double.parseDouble(body);
                case 's' -> body;
                case 'b' -> Boolean.parseBoolean(body);
                case 't' -> Instant.ofEpochMilli(Long.parseLong(body));
                case 'm' -> JSON.readValue(body, WEIGHTS);
                default -> null;
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    public static TagValue toProto(Object value) {
        TagValue.Builder proto = TagValue.newBuilder();
        if (value instanceof Double number) {
            proto.setNumber(number);
        } else if (value instanceof String text) {
            proto.setText(text);
        } else if (value instanceof Boolean flag) {
            proto.setFlag(flag);
        } else if (value instanceof Instant time) {
            proto.setTime(ProtoTime.timestamp(time));
        } else if (value instanceof Map<?, ?> weights) {
            proto.setWeights(Weights.newBuilder().putAllEntries((Map<String, Double>) weights));
        }
        return proto.build();
    }

    /** @return the plain value, or null for a value of no kind */
    public static Object fromProto(TagValue value) {
        return switch (value.getKindCase()) {
            case NUMBER -> value.getNumber();
            case TEXT -> value.getText();
            case FLAG -> value.getFlag();
            case TIME -> ProtoTime.instant(value.getTime());
            case WEIGHTS -> new LinkedHashMap<>(value.getWeights().getEntriesMap());
            case KIND_NOT_SET -> null;
        };
    }

    /** The value for JSON: instants as ISO-8601 text. */
    public static Object toJson(Object value) {
        return value instanceof Instant time ? time.toString() : value;
    }

    private static String number(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
