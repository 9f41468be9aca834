package dev.cdp.tag.compute;

import dev.cdp.tag.value.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one cause (an event, a merge, the expiry pass, an API call) changed in a profile's tags,
 * with the full current set.
 */
public record TagChanges(
        String oneId, int ordinal, String cause, Instant at, List<Change> changes, Map<String, Value> current) {

    /** One tag's value before and after; null when it had none, or has none now. */
    public record Change(String tag, Value before, Value after) {}

    static TagChanges between(
            String oneId, int ordinal, String cause, Instant at, Map<String, Value> before, Map<String, Value> after) {
        TreeMap<String, Change> changes = new TreeMap<>();
        after.forEach((tag, value) -> {
            if (!Objects.equals(before.get(tag), value)) {
                changes.put(tag, new Change(tag, before.get(tag), value));
            }
        });
        before.forEach((tag, value) -> {
            if (!after.containsKey(tag)) {
                changes.put(tag, new Change(tag, value, null));
            }
        });
        return new TagChanges(oneId, ordinal, cause, at, List.copyOf(changes.values()), after);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
