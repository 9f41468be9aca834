package dev.cdp.segment.membership;

import java.time.Instant;

/** A member of a segment as readers see it. */
public record MemberView(String oneId, int ordinal, Instant enteredAt) {}
