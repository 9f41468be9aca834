package dev.cdp.segment.definition;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Every rule a segment has had, kept when it is edited: what a campaign targeted at the time. */
@Entity
@Table(name = "segment_version")
@IdClass(SegmentVersion.Key.class)
public class SegmentVersion extends PanacheEntityBase {

    @Id
    @Column(name = "segment_id", length = 36)
    public String segmentId;

    @Id
    public int version;

    @Column(nullable = false, columnDefinition = "text")
    public String rule;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static SegmentVersion of(Segment segment) {
        SegmentVersion version = new SegmentVersion();
        version.segmentId = segment.id;
        version.version = segment.version();
        version.rule = segment.rule;
        version.createdAt = segment.updatedAt == null ? segment.createdAt : segment.updatedAt;
        return version;
    }

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
