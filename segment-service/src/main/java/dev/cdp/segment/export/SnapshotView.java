package dev.cdp.segment.export;

import java.time.Instant;

/** A snapshot as readers see it. */
public record SnapshotView(String segmentId, int version, long size, Instant takenAt, int segmentVersion) {}
