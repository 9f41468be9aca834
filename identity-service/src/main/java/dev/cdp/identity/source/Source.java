package dev.cdp.identity.source;

import java.time.Instant;

/**
 * Where events come from: a website, an app, a mini-program, a CRM export, a POS. Senders name
 * their source by its write key, as Segment's SDKs do.
 *
 * @param writeKeyHint the key's first characters, to tell keys apart (the key itself is shown once)
 * @param previousKeyValidUntil until when the key before the last rotation is still taken, or null
 * @param channel the channel of the source's events when an event names none (web, app,
 *     miniprogram, crm, pos, ecommerce, ...)
 * @param rateLimit the events per second its senders may send over HTTP, or null for no limit
 */
public record Source(
        String id,
        String name,
        String channel,
        String writeKeyHint,
        Instant previousKeyValidUntil,
        boolean enabled,
        Integer rateLimit,
        Instant createdAt) {}
