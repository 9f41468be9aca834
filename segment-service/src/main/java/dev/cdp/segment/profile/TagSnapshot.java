package dev.cdp.segment.profile;

import dev.cdp.proto.v1.TagValue;
import java.time.Instant;
import java.util.Map;

/**
 * The full current tags of one profile after a change, as read from cdp.tags.changed.
 *
 * @param cause what caused the change (the event's messageId); it makes the ids of the resulting
 *        transitions deterministic, so a redelivered record yields the same ids
 * @param at when the tags changed
 */
public record TagSnapshot(String oneId, int ordinal, Map<String, TagValue> tags, String cause, Instant at) {}
