package dev.cdp.activation.campaign;

import java.time.Instant;

/** A campaign as callers see it. */
public record CampaignView(
        String id, String name, String segmentId, String destinationId, String message, Instant createdAt) {

    static CampaignView of(Campaign campaign) {
        return new CampaignView(
                campaign.id,
                campaign.name,
                campaign.segmentId,
                campaign.destinationId,
                campaign.message,
                campaign.createdAt);
    }
}
