package dev.cdp.tag.eventlog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event the service applied, kept so new or changed rule tags can be computed for existing
 * profiles. {@code seq} orders events as they were logged; a profile's state remembers the
 * highest it has applied, which is where a backfill cuts.
 */
@Entity
@Table(name = "tag_event", indexes = @Index(name = "tag_event_by_profile", columnList = "one_id, seq"))
public class LoggedEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "message_id", nullable = false, unique = true)
    public String messageId;

    @Column(name = "one_id", nullable = false)
    public String oneId;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;

    /** The event's identifiers ("type:value", one per line) as identity-service resolved them: a split follows them. */
    @Column(name = "identifier_keys", columnDefinition = "text")
    public String identifierKeys;

    /** The binary cdp.v1.Event. */
    @Column(nullable = false)
    public byte[] payload;
}
