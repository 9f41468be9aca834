package dev.cdp.segment.definition;

import java.time.Instant;

/** A segment as readers see it; {@code size} is the current member count. */
public record SegmentView(String id, String name, String rule, long size, Instant createdAt) {}
