package dev.cdp.segment.growth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One run of a growth model: what it was asked (parameters), what it measured (metrics, JSON), how
 * many profiles it wrote tags for, and how it ended. A failed run writes no tag: the previous run's
 * stay.
 */
@Entity
@Table(name = "model_run", indexes = @Index(name = "model_run_by_model", columnList = "model, started_at"))
public class ModelRun extends PanacheEntityBase {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, length = 32)
    public String model;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(columnDefinition = "text", nullable = false)
    public String parameters;

    @Column(columnDefinition = "text")
    public String metrics;

    @Column(columnDefinition = "text")
    public String error;

    /** Profiles whose tags the run wrote. */
    @Column(nullable = false)
    public long written;
}
