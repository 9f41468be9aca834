package dev.cdp.tag.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * When a OneID was erased: a change computed before then, still on its way through
 * cdp.tags.changed, is not recorded again. Holds the OneID only, like the erasure receipt.
 */
@Entity
@Table(name = "tag_erasure")
public class ErasedProfile extends PanacheEntityBase {

    @Id
    @Column(name = "one_id", length = 36)
    public String oneId;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
