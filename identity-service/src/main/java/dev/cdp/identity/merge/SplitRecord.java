package dev.cdp.identity.merge;

import dev.cdp.platform.security.SealedText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** An unmerge that happened: which identifier was taken out of which profile, why, and the profiles it left. */
@Entity
@Table(name = "split_record", indexes = @Index(name = "split_record_one_id", columnList = "one_id"))
public class SplitRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    @Column(name = "detached_key", nullable = false, length = 600)
    public String detachedKey;

    @Column(nullable = false, length = 500)
    public String reason;

    /** The resulting profiles as a JSON array of {oneId, ordinal, identifiers}, sealed. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String parts;

    /** The parts' OneIDs, space-separated: what erasure finds the record by. */
    @Column(name = "part_one_ids", nullable = false, columnDefinition = "text")
    public String partOneIds;

    @Column(name = "cause", nullable = false, length = 200)
    public String cause;

    @Column(nullable = false)
    public Instant at;
}
