package dev.cdp.identity.imports.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One import and its report; an upload again under the same id replaces the report. */
@Entity
@Table(name = "import_run")
public class ImportRecord {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "source_name", nullable = false, length = 100)
    public String sourceName;

    @Column(nullable = false, length = 32)
    public String kind;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "row_count", nullable = false)
    public int rows;

    @Column(nullable = false)
    public int accepted;

    @Column(nullable = false)
    public int duplicates;

    /** The rejected rows as a JSON array of {line, field, reason}. */
    @Column(nullable = false, columnDefinition = "text")
    public String rejected = "[]";

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
