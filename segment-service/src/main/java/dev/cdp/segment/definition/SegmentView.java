package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A segment as readers see it: its rule as text and as the JSON tree ({@code definition}, see
 * {@link ConditionJson}); {@code size} is the current member count.
 */
public record SegmentView(String id, String name, String rule, JsonNode definition, long size, Instant createdAt) {
}
