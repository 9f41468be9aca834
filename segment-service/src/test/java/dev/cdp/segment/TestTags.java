package dev.cdp.segment;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.TagsChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Test data builders for tag values and cdp.tags.changed payloads. */
public final class TestTags {

    private TestTags() {}

    /** Tags from name/value pairs: numbers, strings, booleans and Instants become number, text, flag and time. */
    public static Map<String, TagValue> of(Object... namesAndValues) {
        Map<String, TagValue> tags = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            tags.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
        }
        return tags;
    }

    /** A TagsChanged caused by a fresh event, carrying the profile's full current tags. */
    public static TagsChanged changed(String oneId, int ordinal, Map<String, TagValue> tags) {
        return TagsChanged.newBuilder()
                .setOneId(oneId)
                .setOrdinal(ordinal)
                .putAllTags(tags)
                .setCauseMessageId(UUID.randomUUID().toString())
                .setChangedAt(ProtoTime.timestamp(Instant.now()))
                .build();
    }

    private static TagValue value(Object value) {
        if (value instanceof Number number) {
            return TagValue.newBuilder().setNumber(number.doubleValue()).build();
        }
        if (value instanceof String text) {
            return TagValue.newBuilder().setText(text).build();
        }
        if (value instanceof Boolean flag) {
            return TagValue.newBuilder().setFlag(flag).build();
        }
        if (value instanceof Instant time) {
            return TagValue.newBuilder().setTime(ProtoTime.timestamp(time)).build();
        }
        throw new IllegalArgumentException("no tag type for " + value);
    }
}
