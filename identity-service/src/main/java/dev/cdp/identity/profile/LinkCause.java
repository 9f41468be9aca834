package dev.cdp.identity.profile;

/**
 * What asks for links: the event's messageId (or the API call), and where it came from. Recorded
 * with every merge and refusal it causes.
 */
public record LinkCause(String messageId, String channel, String source) {
}
