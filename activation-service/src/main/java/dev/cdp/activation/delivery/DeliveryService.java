package dev.cdp.activation.delivery;

import dev.cdp.activation.ResourceNotFoundException;
import dev.cdp.activation.campaign.CampaignService;
import dev.cdp.activation.delivery.repository.DeliveryRepository;
import dev.cdp.activation.delivery.webhook.WebhookResponse;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The delivery ledger: one row per campaign and membership message, updated after every attempt. */
@ApplicationScoped
public class DeliveryService {

    static final int MAX_ERROR_LENGTH = 1000;

    private final DeliveryRepository deliveries;
    private final CampaignService campaigns;

    public DeliveryService(DeliveryRepository deliveries, CampaignService campaigns) {
        this.deliveries = deliveries;
        this.campaigns = campaigns;
    }

    /**
     * The delivery of this entry for the campaign still to be sent: a new PENDING one, or the one a
     * crash left PENDING (its record was not acknowledged, so it comes again), resumed under its
     * own id so the receiver sees the same Idempotency-Key. Null when it is DELIVERED or FAILED.
     */
    @WithTransaction
    public Uni<OpenDelivery> open(String campaignId, SegmentEntry entry) {
        String id = UUID.randomUUID().toString();
        return deliveries
                .insertIfAbsent(id, campaignId, entry.oneId(), entry.messageId(), Instant.now())
                .chain(inserted -> inserted
                        ? Uni.createFrom().item(new OpenDelivery(id, 0))
                        : deliveries
                                .find("campaignId = ?1 and membershipMessageId = ?2", campaignId, entry.messageId())
                                .firstResult()
                                .map(existing -> existing != null && existing.status == DeliveryStatus.PENDING
                                        ? new OpenDelivery(existing.id, existing.attempts)
                                        : null));
    }

    /** @param attempts how many attempts were recorded before */
    public record OpenDelivery(String id, int attempts) {}

    @WithTransaction
    public Uni<Void> recordAttempt(String deliveryId, DeliveryStatus status, WebhookResponse response) {
        Integer statusCode = response.statusCode() == 0 ? null : response.statusCode();
        return deliveries
                .recordAttempt(deliveryId, status, statusCode, truncate(response.error()), Instant.now())
                .replaceWithVoid();
    }

    /** The campaign's deliveries, newest first; fails with {@link ResourceNotFoundException} for an unknown campaign. */
    @WithSession
    public Uni<List<DeliveryView>> listByCampaign(String campaignId) {
        return campaigns
                .find(campaignId)
                .onItem()
                .ifNull()
                .failWith(() -> new ResourceNotFoundException("campaign_id: no campaign \"" + campaignId + "\""))
                .chain(campaign -> deliveries.listByCampaign(campaignId))
                .map(found -> found.stream().map(DeliveryView::of).toList());
    }

    /** Every delivery to the profile, newest first (access requests). */
    @WithSession
    public Uni<List<DeliveryView>> listByOneId(String oneId) {
        return deliveries
                .listByOneId(oneId)
                .map(found -> found.stream().map(DeliveryView::of).toList());
    }

    /**
     * An erased person's deliveries stay as an anonymous record of what was sent (campaign,
     * status, attempts, times), so campaign reports keep their counts; nothing in them points
     * at the person any more. A replay finds nothing left to change.
     */
    @WithTransaction
    public Uni<Integer> erase(List<String> oneIds) {
        return deliveries.anonymise(oneIds);
    }

    @WithSession
    public Uni<Map<DeliveryStatus, Long>> countByStatus() {
        return deliveries.countByStatus();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
