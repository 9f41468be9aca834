package dev.cdp.identity.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One access to personal data or change to how it is held: who, what, when, from where. The
 * person is named by a keyed hash of their OneID, so the log outlives an erasure without keeping
 * the OneID. Rows are never changed or deleted (a trigger refuses it).
 */
@Entity
@Table(
        name = "audit_entry",
        indexes = {
            @Index(name = "audit_entry_at", columnList = "at"),
            @Index(name = "audit_entry_person", columnList = "person_hash")
        })
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public Long id;

    @Column(nullable = false)
    public Instant at;

    /** The token's subject: a user, or a service's name. */
    @Column(nullable = false, length = 200)
    public String actor;

    @Column(nullable = false, length = 200)
    public String roles;

    @Column(nullable = false, length = 64)
    public String action;

    /** HMAC of the OneID acted on, or null. */
    @Column(name = "person_hash", length = 64)
    public String personHash;

    /** What else was acted on, when it is not a person (a source id, an identifier type). */
    @Column(length = 200)
    public String target;

    /** The caller's address (the HTTP client, or the gRPC peer). */
    @Column(length = 100)
    public String address;
}
