package dev.cdp.identity.resolution;

import java.time.Instant;

/** A refused link as readers see it. */
public record RefusedLinkView(
        String profileOneId, String identifier, String ownerOneId, String reason, String cause, Instant at) {}
