package dev.cdp.segment.membership;

import java.time.Instant;

/** A segment one profile is in, as readers see it. */
public record ProfileMembershipView(String segmentId, String segmentName, Instant enteredAt) {}
