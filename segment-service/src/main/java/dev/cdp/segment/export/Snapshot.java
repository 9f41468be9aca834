package dev.cdp.segment.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A version of a segment's members kept for exports; its members are {@link SnapshotMember} rows
 * and never change. Declared so Hibernate creates the table; read and written by
 * {@code repository.SnapshotRepository} in set-wise statements.
 */
@Entity
@Table(name = "segment_snapshot")
@IdClass(Snapshot.Key.class)
public class Snapshot {

    @Id
    @Column(name = "segment_id", length = 36)
    public String segmentId;

    @Id
    @Column(name = "version")
    public int version;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    @Column(name = "size", nullable = false)
    public long size;

    /** The segment's rule version the members were decided by. */
    @Column(name = "segment_version", nullable = false)
    public int segmentVersion;

    public static class Key implements Serializable {

        public String segmentId;
        public int version;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && segmentId.equals(key.segmentId) && version == key.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(segmentId, version);
        }
    }
}
