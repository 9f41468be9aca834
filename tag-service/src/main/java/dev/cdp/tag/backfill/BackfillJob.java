package dev.cdp.tag.backfill;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Computing one version of a rule tag for every profile with logged events, with its progress. */
@Entity
@Table(name = "tag_backfill")
public class BackfillJob extends PanacheEntityBase {

    public enum State {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public long profilesTotal;

    public long profilesDone;

    /** The last profile done, in OneID order: a restarted job goes on from here. */
    public String cursor;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant finishedAt;

    @Column(columnDefinition = "text")
    public String error;
}
