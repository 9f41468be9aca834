package dev.cdp.activation.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One campaign message for one profile. The unique (campaign, membership message) pair is what
 * makes a replayed membership event a no-op: its row exists already, so nothing is sent again.
 */
@Entity
@Table(
        name = "delivery",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "delivery_campaign_membership_message",
                        columnNames = {"campaign_id", "membership_message_id"}),
        indexes = @Index(name = "delivery_campaign_created", columnList = "campaign_id, created_at"))
public class Delivery extends PanacheEntityBase {

    public static final int MAX_ONE_ID_LENGTH = 36;
    public static final int MAX_MESSAGE_ID_LENGTH = 200;
    /** The OneID of a delivery to a person who was erased since. */
    public static final String ERASED = "erased";

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "campaign_id", nullable = false, length = 36)
    public String campaignId;

    @Column(name = "one_id", nullable = false, length = MAX_ONE_ID_LENGTH)
    public String oneId;

    @Column(name = "membership_message_id", nullable = false, length = MAX_MESSAGE_ID_LENGTH)
    public String membershipMessageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    /** The HTTP status of the last attempt; null when it got no response. */
    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error", length = DeliveryService.MAX_ERROR_LENGTH)
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
