package dev.cdp.segment.export;

/**
 * Where an export's members come from: a snapshot ({@code snapshotVersion}, 0 for the current
 * members), and whether the segment is being rebuilt, in which case the current members are not
 * complete and an export asked for them answers with the last snapshot instead.
 */
public record ExportSource(int snapshotVersion, boolean rebuilding) {}
