package dev.cdp.identity.source.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code source}. */
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

    @Column(name = "write_key", nullable = false, unique = true, length = 200)
    public String writeKey;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
