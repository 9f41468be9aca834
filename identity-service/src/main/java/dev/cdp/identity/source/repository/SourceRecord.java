package dev.cdp.identity.source.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code source}. Write keys are kept only as hashes: the key itself is shown once. */
@Entity
@Table(name = "source")
public class SourceRecord {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, unique = true, length = 100)
    public String name;

    @Column(nullable = false, length = 64)
    public String channel;

    /** {@code sha256:<hex>} of the write key (the column kept its name from when it held the key). */
    @Column(name = "write_key", nullable = false, unique = true, length = 200)
    public String writeKeyHash;

    /** The first characters of the key, enough to tell keys apart in a list. */
    @Column(name = "key_hint", length = 8)
    public String keyHint;

    /** The key before the last rotation, still taken until {@link #previousKeyUntil}. */
    @Column(name = "previous_key", length = 200)
    public String previousKeyHash;

    @Column(name = "previous_key_until")
    public Instant previousKeyUntil;

    @Column(nullable = false)
    public boolean enabled;

    /** Events per second its senders may send, or null for no limit. */
    @Column(name = "rate_limit")
    public Integer rateLimit;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
