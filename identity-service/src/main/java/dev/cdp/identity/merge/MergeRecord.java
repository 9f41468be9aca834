package dev.cdp.identity.merge;

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

/** A merge that happened: which profile absorbed which, and the event whose identifiers linked them. */
@Entity
@Table(name = "merge_record", indexes = @Index(name = "merge_record_survivor", columnList = "survivor_one_id"))
public class MergeRecord extends PanacheEntityBase {

    // An identity column: the batch resolver inserts rows in SQL, Hibernate through the entity.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "survivor_one_id", nullable = false, length = 36)
    public String survivorOneId;

    @Column(name = "absorbed_one_id", nullable = false, length = 36)
    public String absorbedOneId;

    /** The messageId of the event, or the API call, that linked them. */
    @Column(name = "cause_message_id", nullable = false, length = 200)
    public String causeMessageId;

    @Column(length = 64)
    public String channel;

    @Column(length = 128)
    public String source;

    /** The event's identifiers as a JSON array of {type, value}, sealed. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String identifiers;

    @Column(nullable = false)
    public Instant at;
}
