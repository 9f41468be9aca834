package dev.cdp.identity.consent;

/** A person's yes or no to using their data for a purpose on a channel, as sent. */
public record ConsentChoice(String purpose, String channel, boolean granted) {}
