package dev.cdp.tag.store;

import dev.cdp.tag.value.Value;
import dev.cdp.tag.window.WindowState;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the service holds on one profile, as read for one change: the buckets of its rule
 * tags, its current values (all kinds) and the version the change must find to be written.
 *
 * @param ordinal the profile's dense number, as last seen on one of its events (0 if none yet)
 * @param lastSeq the event-log sequence of the last event applied: a backfill cuts there
 * @param movedTo the profile this one merged into, or null
 */
public record ProfileState(
        long version,
        int ordinal,
        long lastSeq,
        Map<String, WindowState> rules,
        Map<String, Value> values,
        ProfileRef movedTo) {

    public static ProfileState empty() {
        return new ProfileState(0, 0, 0, new HashMap<>(), new HashMap<>(), null);
    }

    /** The state after applying the event logged as {@code seq}. */
    public ProfileState applying(int eventOrdinal, long seq) {
        return new ProfileState(
                version, eventOrdinal > 0 ? eventOrdinal : ordinal, Math.max(lastSeq, seq), rules, values, movedTo);
    }

    public boolean exists() {
        return version > 0;
    }
}
