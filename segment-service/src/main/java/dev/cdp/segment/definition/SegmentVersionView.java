package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One version of a segment's rule, as text and as the JSON tree, and when it took effect. */
public record SegmentVersionView(int version, String rule, JsonNode definition, Instant createdAt) {}
