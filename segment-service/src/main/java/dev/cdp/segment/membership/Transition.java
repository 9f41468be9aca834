package dev.cdp.segment.membership;

/** Whether a profile entered or left a segment. */
public enum Transition {
    ENTER,
    EXIT
}
