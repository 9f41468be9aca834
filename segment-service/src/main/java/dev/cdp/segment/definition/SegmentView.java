package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A segment as readers see it: its rule as text and as the JSON tree ({@code definition}, see
 * {@link ConditionJson}) and its version (one more with each edit); {@code size} is the current member count; {@code backfill} where deciding
 * it over the existing profiles stands (null for segments from before backfills); {@code pausedReason}
 * why a paused segment is not evaluated.
 */
public record SegmentView(
        String id,
        String name,
        String rule,
        JsonNode definition,
        int version,
        SegmentStatus status,
        long size,
        Instant createdAt,
        Backfill backfill,
        String pausedReason) {}
