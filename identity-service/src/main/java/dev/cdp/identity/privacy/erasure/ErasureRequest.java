package dev.cdp.identity.privacy.erasure;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A person's request to be erased, kept after the erasure as the proof it was done (GDPR art. 17
 * and 5(2), PIPL art. 47): which OneIDs, when asked. It holds no identifier, trait or event: the
 * OneIDs are pseudonymous and are what the other services confirm against.
 */
@Entity
@Table(name = "erasure_request", indexes = @Index(name = "erasure_request_one_id", columnList = "one_id"))
public class ErasureRequest extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    /** The OneIDs that had merged into it, comma-separated, oldest first. */
    @Column(name = "absorbed_one_ids", nullable = false, columnDefinition = "text")
    public String absorbedOneIds;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
}
