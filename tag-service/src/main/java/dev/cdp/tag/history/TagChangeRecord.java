package dev.cdp.tag.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** One change of one tag of one profile, as published on cdp.tags.changed; values in stored text form. */
@Entity
@Table(
        name = "tag_change",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "tag_change_once",
                        columnNames = {"one_id", "tag", "cause"}),
        indexes = @Index(name = "tag_change_by_profile", columnList = "one_id, tag, changed_at"))
public class TagChangeRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "one_id", nullable = false)
    public String oneId;

    @Column(nullable = false)
    public String tag;

    @Column(name = "old_value", columnDefinition = "text")
    public String oldValue;

    @Column(name = "new_value", columnDefinition = "text")
    public String newValue;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String cause;

    /** The profile's ordinal as the change carried it; null for changes recorded before it was kept. */
    public Integer ordinal;
}
