package dev.cdp.segment.export;

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
 * A member of a {@link Snapshot}. The primary key (segment, version, OneID) serves paging in OneID
 * order and the comparison of two versions.
 */
@Entity
// Hibernate orders a composite primary key's columns by name; paging needs them in this order.
@Table(
        name = "segment_snapshot_member",
        indexes =
                @Index(
                        name = "segment_snapshot_member_page",
                        columnList = "segment_id, version, one_id",
                        unique = true))
@IdClass(SnapshotMember.Key.class)
public class SnapshotMember {

    @Id
    @Column(name = "segment_id", length = 36)
    public String segmentId;

    @Id
    @Column(name = "version")
    public int version;

    @Id
    @Column(name = "one_id", length = 36)
    public String oneId;

    @Column(nullable = false)
    public int ordinal;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    public static class Key implements Serializable {

        public String segmentId;
        public int version;
        public String oneId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && segmentId.equals(key.segmentId)
                    && version == key.version
                    && oneId.equals(key.oneId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(segmentId, version, oneId);
        }
    }
}
