package dev.cdp.tag.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One tag's value: a number, a text, a flag, a moment or a weighted map. Each kind knows its three
 * forms: self-describing text, as Redis and the history keep it ({@code n:12.5}, {@code s:app},
 * {@code b:true}, {@code t:<epoch ms>}, {@code m:{"shoes":3}}), the contract's
 * {@link TagValue cdp.v1.TagValue}, and JSON (numbers as numbers, moments as ISO-8601 text, maps
 * as objects). Named apart from the contract's message, which adapters map to and from.
 */
public sealed interface Value {

    /** The self-describing text Redis and the history table hold; {@link #decode} reads it back. */
    String encode();

    TagValue toProto();

    /** The value as a REST body carries it: as {@link #plain()}, but for moments, which JSON has as ISO-8601 text. */
    default Object json() {
        return plain();
    }

    /** The value as rule conditions ({@code dev.cdp.rules}) read it: Double, String, Boolean, Instant or weighted map. */
    Object plain();

    static Value of(double number) {
        return new Number(number);
    }

    static Value of(String text) {
        return new Text(text);
    }

    static Value of(boolean flag) {
        return new Flag(flag);
    }

    static Value of(Instant time) {
        return new Time(time);
    }

    static Value of(Map<String, Double> weights) {
        return new Weights(weights);
    }

    /** @return the value, or null for text that no version of this service wrote */
    static Value decode(String stored) {
        if (stored == null || stored.length() < 2 || stored.charAt(1) != ':') {
            return null;
        }
        String body = stored.substring(2);
        try {
            return switch (stored.charAt(0)) {
                case 'n' -> new Number(Double.parseDouble(body));
                case 's' -> new Text(body);
                case 'b' -> new Flag(Boolean.parseBoolean(body));
                case 't' -> new Time(Instant.ofEpochMilli(Long.parseLong(body)));
                case 'm' -> new Weights(Weights.JSON.readValue(body, Weights.TYPE));
                default -> null;
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            return null;
        }
    }

    /** @return the value, or null for a value of no kind */
    static Value fromProto(TagValue value) {
        return switch (value.getKindCase()) {
            case NUMBER -> new Number(value.getNumber());
            case TEXT -> new Text(value.getText());
            case FLAG -> new Flag(value.getFlag());
            case TIME -> new Time(ProtoTime.instant(value.getTime()));
            case WEIGHTS -> new Weights(value.getWeights().getEntriesMap());
            case KIND_NOT_SET -> null;
        };
    }

    /**
     * {@code values} as rule conditions read them ({@link #plain()}): a view, so a derived tag
     * reads the values computed before it without a copy per profile change.
     */
    static Map<String, Object> plainView(Map<String, Value> values) {
        return new AbstractMap<>() {
            @Override
            public Object get(Object code) {
                Value value = values.get(code);
                return value == null ? null : value.plain();
            }

            @Override
            public boolean containsKey(Object code) {
                return values.containsKey(code);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                return values.entrySet().stream()
                        .map(entry -> new SimpleImmutableEntry<String, Object>(
                                entry.getKey(), entry.getValue().plain()))
                        .collect(Collectors.toSet());
            }
        };
    }

    record Number(double value) implements Value {

        @Override
        public String encode() {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return "n:" + (long) value;
            }
            return "n:" + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        @Override
        public TagValue toProto() {
            return TagValue.newBuilder().setNumber(value).build();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    record Text(String value) implements Value {

        @Override
        public String encode() {
            return "s:" + value;
        }

        @Override
        public TagValue toProto() {
            return TagValue.newBuilder().setText(value).build();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    record Flag(boolean value) implements Value {

        @Override
        public String encode() {
            return "b:" + value;
        }

        @Override
        public TagValue toProto() {
            return TagValue.newBuilder().setFlag(value).build();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    record Time(Instant value) implements Value {

        @Override
        public String encode() {
            return "t:" + value.toEpochMilli();
        }

        @Override
        public TagValue toProto() {
            return TagValue.newBuilder().setTime(ProtoTime.timestamp(value)).build();
        }

        @Override
        public Object json() {
            return value.toString();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    /** Keys with their weights, in the order given (heaviest first for TOP_N), which every form keeps. */
    record Weights(Map<String, Double> entries) implements Value {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final TypeReference<LinkedHashMap<String, Double>> TYPE = new TypeReference<>() {};

        public Weights {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String encode() {
            try {
                return "m:" + JSON.writeValueAsString(entries);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public TagValue toProto() {
            return TagValue.newBuilder()
                    .setWeights(dev.cdp.proto.v1.Weights.newBuilder().putAllEntries(entries))
                    .build();
        }

        @Override
        public Object plain() {
            return entries;
        }
    }
}
