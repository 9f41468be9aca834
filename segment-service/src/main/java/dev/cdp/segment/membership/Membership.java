package dev.cdp.segment.membership;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A profile currently in a segment; leaving deletes the row. The primary key (segment, OneID)
 * serves member listing and counting, the index on one_id the evaluation of one profile.
 */
@Entity
@Table(name = "membership", indexes = @Index(name = "membership_one_id", columnList = "one_id"))
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    @Id
    @Column(name = "segment_id", length = 36)
    public String segmentId;

    @Id
    @Column(name = "one_id", length = 36)
    public String oneId;

    @Column(nullable = false)
    public int ordinal;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    public static class Key implements Serializable {

        public String segmentId;
        public String oneId;

        public Key() {}

        public Key(String segmentId, String oneId) {
            this.segmentId = segmentId;
            this.oneId = oneId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && segmentId.equals(key.segmentId) && oneId.equals(key.oneId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(segmentId, oneId);
        }
    }
}
