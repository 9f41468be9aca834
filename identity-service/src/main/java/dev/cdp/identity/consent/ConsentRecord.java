package dev.cdp.identity.consent;

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
 * One consent decision, never overwritten: the rows of a profile are its consent history, and the
 * latest per purpose and channel is the decision in force. A merge moves the absorbed profile's
 * rows to the survivor, so it holds the union and the most recent decision still wins.
 */
@Entity
@Table(name = "consent_record", indexes = @Index(name = "consent_record_one_id", columnList = "one_id, at"))
public class ConsentRecord extends PanacheEntityBase {

    // An identity column: the batch resolver inserts rows in SQL, Hibernate through the entity.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    @Column(nullable = false, length = 40)
    public String purpose;

    @Column(nullable = false, length = 40)
    public String channel;

    @Column(nullable = false)
    public boolean granted;

    @Column(length = 128)
    public String source;

    /** The event's messageId or the API call's id. */
    @Column(nullable = false, length = 200)
    public String evidence;

    /** When the person decided: the event's timestamp, or when the API call came. */
    @Column(nullable = false)
    public Instant at;
}
