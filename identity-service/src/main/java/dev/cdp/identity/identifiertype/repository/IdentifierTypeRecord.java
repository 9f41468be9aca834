package dev.cdp.identity.identifiertype.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code identifier_type}: one configured identifier type. */
@Entity
@Table(name = "identifier_type")
public class IdentifierTypeRecord {

    @Id
    @Column(length = 40)
    public String name;

    @Column(nullable = false, unique = true)
    public int priority;

    @Column(name = "per_profile_limit", nullable = false)
    public int perProfileLimit;

    @Column(nullable = false, length = 20)
    public String normalisation;

    /** A JSON array of strings. */
    @Column(name = "blocked_values", nullable = false, columnDefinition = "text")
    public String blockedValues = "[]";

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
