package dev.cdp.tag;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Stored tag text to the typed {@link TagValue} of the contract. */
public final class TagValues {

    private TagValues() {
    }

    public static TagValue toProto(String tag, String stored) {
        TagCatalog.Kind kind = TagCatalog.kindOf(tag);
        if (kind == null) {
            throw new IllegalArgumentException("unknown tag " + tag);
        }
        return switch (kind) {
            case NUMBER -> TagValue.newBuilder().setNumber(Double.parseDouble(stored)).build();
            case TEXT -> TagValue.newBuilder().setText(stored).build();
            case TIME -> TagValue.newBuilder().setTime(ProtoTime.timestamp(Instant.ofEpochMilli(Long.parseLong(stored)))).build();
        };
    }

    /** The public tags of a stored hash, typed, optionally only those named. */
    public static Map<String, TagValue> toProto(Map<String, String> stored, Set<String> only) {
        Map<String, TagValue> tags = new LinkedHashMap<>();
        stored.forEach((tag, value) -> {
            if (TagCatalog.isPublic(tag) && (only.isEmpty() || only.contains(tag))) {
                tags.put(tag, toProto(tag, value));
            }
        });
        return tags;
    }
}
