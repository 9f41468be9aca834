package dev.cdp.identity.privacy.erasure;

import java.time.Instant;

/** A service saying one of its stores holds nothing more on an erased person. */
public record StoreConfirmation(String service, String store, Instant finishedAt) {}
