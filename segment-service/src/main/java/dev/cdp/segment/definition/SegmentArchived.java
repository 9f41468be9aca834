package dev.cdp.segment.definition;

/** Fired when a segment is archived, so its members leave it. */
public record SegmentArchived(String segmentId, String name) {}
