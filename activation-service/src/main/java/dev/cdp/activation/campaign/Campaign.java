package dev.cdp.activation.campaign;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** Sends a message to a destination for every profile entering a segment. */
@Entity
@Table(name = "campaign", indexes = @Index(name = "campaign_segment_id", columnList = "segment_id"))
public class Campaign extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, length = CampaignSpec.MAX_NAME_LENGTH)
    public String name;

    @Column(name = "segment_id", nullable = false, length = CampaignSpec.MAX_ID_LENGTH)
    public String segmentId;

    @Column(name = "destination_id", nullable = false, length = 36)
    public String destinationId;

    /** The template; see {@link MessageTemplate}. */
    @Column(nullable = false, columnDefinition = "text")
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
