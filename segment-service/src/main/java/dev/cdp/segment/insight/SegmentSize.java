package dev.cdp.segment.insight;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A segment's size at a moment: one row per segment per {@code cdp.segment.size-interval}. */
@Entity
@Table(name = "segment_size")
@IdClass(SegmentSize.Key.class)
public class SegmentSize extends PanacheEntityBase {

    @Id
    @Column(name = "segment_id", length = 36)
    public String segmentId;

    @Id
    @Column(name = "at")
    public Instant at;

    @Column(name = "size", nullable = false)
    public long size;

    public static class Key implements Serializable {
        public String segmentId;
        public Instant at;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(segmentId, key.segmentId) && Objects.equals(at, key.at);
        }

        @Override
        public int hashCode() {
            return Objects.hash(segmentId, at);
        }
    }
}
