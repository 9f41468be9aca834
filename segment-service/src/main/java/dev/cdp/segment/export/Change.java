package dev.cdp.segment.export;

/** How a member of one snapshot differs from an earlier one. */
public enum Change {
    ADDED,
    REMOVED
}
