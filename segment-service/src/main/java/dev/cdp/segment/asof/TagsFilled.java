package dev.cdp.segment.asof;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * That profile_tags was filled from tag-service's store (one row, id 1): a deployment upgraded from
 * a version that kept no profile_tags has its profiles in new segments without waiting for their
 * tags to change, and the fill runs once. Written and read through {@link ProfileTagsFill}; the
 * entity declares the table.
 */
@Entity
@Table(name = "profile_tags_fill")
public class TagsFilled extends PanacheEntityBase {

    @Id
    public int id;

    @Column(name = "filled_at", nullable = false)
    public Instant filledAt;

    /** How many profiles tag-service answered. */
    @Column(nullable = false)
    public long profiles;
}
