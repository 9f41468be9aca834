package dev.cdp.identity.profile;

/** The profile an event's identifiers resolved to. */
public record Resolution(String oneId, int ordinal, boolean created) {
}
