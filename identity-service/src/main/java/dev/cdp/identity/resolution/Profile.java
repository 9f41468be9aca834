package dev.cdp.identity.resolution;

import dev.cdp.platform.security.SealedText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnDefault;

/**
 * One person. The ordinal is the dense number engines index profiles by (bitmaps, counters); the
 * OneID is the stable public id. A profile absorbed by a merge keeps its row as a tombstone whose
 * {@code mergedInto} names the survivor.
 */
@Entity
// merged_into is indexed: a merge re-points the absorbed profile's own tombstones, and a read lists what a profile
// absorbed.
@Table(name = "profile", indexes = @Index(name = "profile_merged_into", columnList = "merged_into"))
public class Profile extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "profile_ordinal", sequenceName = "profile_ordinal_seq", allocationSize = 1)
    @GeneratedValue(generator = "profile_ordinal")
    public Integer ordinal;

    @Column(name = "one_id", nullable = false, unique = true, length = 36)
    public String oneId;

    /** The latest traits as a JSON object, sealed: which traits are personal differs per deployment. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String traits = "{}";

    /** Which statement each trait shows: {@code {"name": {"c": "crm", "t": epochMillis}}} (see Survivorship). */
    @Column(name = "trait_sources", nullable = false, columnDefinition = "text")
    @ColumnDefault("'{}'")
    public String traitSources = "{}";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "merged_into", length = 36)
    public String mergedInto;
}
