package dev.cdp.segment.definition;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named rule over tags. The rule text is stored as written and compiled when loaded. */
@Entity
@Table(name = "segment")
public class Segment extends PanacheEntityBase {

    public static final int MAX_NAME_LENGTH = 200;

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, unique = true, length = MAX_NAME_LENGTH)
    public String name;

    @Column(nullable = false, columnDefinition = "text")
    public String rule;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The rule's version: 1 when created, one more with each edit; null for segments from before versions (1). */
    @Column(name = "version")
    public Integer version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Null for segments from before archiving: active. */
    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16)
    public SegmentStatus status;

    /** A new rule (a new segment or an edit) is decided over every profile again, from the start. */
    public void backfillStarting() {
        backfillState = Backfill.State.RUNNING;
        backfillDone = 0L;
        backfillTotal = 0L;
    }

    /** Why the segment is paused, e.g. a tag it reads was retired; null unless paused. */
    @Column(name = "paused_reason", length = 500)
    public String pausedReason;

    public boolean isArchived() {
        return status == SegmentStatus.ARCHIVED;
    }

    /** Evaluated as tags change: neither paused nor archived. */
    public boolean isActive() {
        return status == null || status == SegmentStatus.ACTIVE;
    }

    public int version() {
        return version == null ? 1 : version;
    }

    /** Where deciding the segment over every existing profile stands; null for segments from before backfills. */
    @Enumerated(EnumType.STRING)
    @Column(name = "backfill_state", length = 16)
    public Backfill.State backfillState;

    @Column(name = "backfill_done")
    public Long backfillDone;

    @Column(name = "backfill_total")
    public Long backfillTotal;
}
