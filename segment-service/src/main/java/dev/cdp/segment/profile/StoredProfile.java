package dev.cdp.segment.profile;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest tags of one profile as cdp.tags.changed last told them, so a new or edited segment
 * is decided over every profile at once, not as each one's tags next change. The table is read
 * and written through {@link ProfileTable}; the entity declares it.
 */
@Entity
@Table(name = "profile_tags")
public class StoredProfile extends PanacheEntityBase {

    /** identity-service's OneIDs are UUIDs. */
    public static final int ONE_ID_LENGTH = 36;

    @Id
    @Column(name = "one_id", length = ONE_ID_LENGTH)
    public String oneId;

    @Column(nullable = false)
    public int ordinal;

    /** A binary {@code cdp.v1.ProfileTags}. */
    @Column(nullable = false)
    public byte[] tags;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
