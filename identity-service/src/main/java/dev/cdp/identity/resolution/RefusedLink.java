package dev.cdp.identity.resolution;

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
 * A link the resolver did not make because a profile would have broken a per-type limit: kept so
 * every "why are these two not one profile?" has an answer.
 */
@Entity
@Table(
        name = "refused_link",
        indexes = {
            @Index(name = "refused_link_profile", columnList = "profile_one_id"),
            @Index(name = "refused_link_owner", columnList = "owner_one_id")
        })
public class RefusedLink extends PanacheEntityBase {

    // An identity column: the batch resolver inserts rows in SQL, Hibernate through the entity.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The profile the event was resolved to. */
    @Column(name = "profile_one_id", nullable = false, length = 36)
    public String profileOneId;

    @Column(name = "identifier_key", nullable = false, length = 600)
    public String identifierKey;

    /** The identifier as "type:value", sealed: what a reader is shown. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String identifier;

    /** The profile that keeps the identifier; null when it was new and is simply not linked. */
    @Column(name = "owner_one_id", length = 36)
    public String ownerOneId;

    @Column(nullable = false, length = 300)
    public String reason;

    /** What asked for the link: the event's messageId, or the API call. */
    @Column(nullable = false, length = 200)
    public String cause;

    @Column(nullable = false)
    public Instant at;
}
