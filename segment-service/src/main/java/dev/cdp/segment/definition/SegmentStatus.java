package dev.cdp.segment.definition;

/** An active segment is evaluated; an archived one is kept, with its versions, and has no members. */
public enum SegmentStatus {
    ACTIVE,
    ARCHIVED
}
