package dev.cdp.segment.definition;

/**
 * An active segment is evaluated. A paused one is not (by a user, or because a tag it reads was
 * retired): its members stay as they were until it is resumed. An archived one is kept, with its
 * versions, and has no members.
 */
public enum SegmentStatus {
    ACTIVE,
    ARCHIVED,
    PAUSED
}
