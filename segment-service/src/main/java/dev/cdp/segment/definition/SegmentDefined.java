package dev.cdp.segment.definition;

/** Fired when a segment is defined, so it is decided over the profiles that exist already. */
public record SegmentDefined(CompiledSegment segment) {}
