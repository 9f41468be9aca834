package dev.cdp.identity.suppression;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An identifier of an erased person, as a keyed hash only (see {@link Suppression}): events naming
 * it that happened before the erasure are dropped, so a replay, an SDK retry or an event still in
 * flight cannot bring the person back. Consulted for {@code cdp.identity.suppression-window},
 * deleted by the hourly purge after that.
 */
@Entity
@Table(name = "erased_identifier")
public class ErasedIdentifier extends PanacheEntityBase {

    /** HMAC-SHA256 of the identifier's key, hex. */
    @Id
    @Column(name = "key_hash", length = 64)
    public String keyHash;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;

    @Column(name = "request_id", nullable = false, length = 36)
    public String requestId;
}
