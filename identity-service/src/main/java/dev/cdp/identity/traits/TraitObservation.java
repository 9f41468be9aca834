package dev.cdp.identity.traits;

import dev.cdp.platform.security.SealedText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One trait value as one event (or import row) stated it: the history a profile's current traits
 * are computed from, re-attributed by {@code identifierKeys} when a profile is split.
 */
@Entity
@Table(name = "trait_observation", indexes = @Index(name = "trait_observation_profile", columnList = "one_id, trait"))
public class TraitObservation extends PanacheEntityBase {

    // An identity column: the batch resolver inserts rows in SQL, Hibernate through the entity.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    @Column(nullable = false, length = 200)
    public String trait;

    /** The value as JSON, sealed: a trait's history is as personal as its current value. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String value;

    /** The channel that said it: its precedence decides between channels. */
    @Column(length = 64)
    public String channel;

    @Column(name = "message_id", nullable = false, length = 200)
    public String messageId;

    /** The stating event's identifiers on this profile ("type:value", one per line): a split follows them. */
    @Column(name = "identifier_keys", columnDefinition = "text")
    public String identifierKeys;

    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;
}
