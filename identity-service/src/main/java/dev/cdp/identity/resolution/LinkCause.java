package dev.cdp.identity.resolution;

import java.time.Instant;

/**
 * What asks for links: the event's messageId (or the API call), where it came from and when it
 * happened (as its sender says). Recorded with every merge, refusal and trait it causes.
 */
public record LinkCause(String messageId, String channel, String source, Instant occurredAt) {}
