package dev.cdp.identity.source;

import java.time.Instant;

/**
 * Where events come from: a website, an app, a mini-program, a CRM export, a POS. Senders name
 * their source by its write key, as Segment's SDKs do.
 *
 * @param channel the channel of the source's events when an event names none (web, app,
 *     miniprogram, crm, pos, ecommerce, ...)
 */
public record Source(String id, String name, String channel, String writeKey, boolean enabled, Instant createdAt) {
}
