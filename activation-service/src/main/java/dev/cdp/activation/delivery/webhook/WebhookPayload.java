package dev.cdp.activation.delivery.webhook;

import java.time.Instant;
import java.util.Map;

/** The JSON document POSTed for one delivery; the field names are the webhook contract. */
public record WebhookPayload(
        String deliveryId,
        String campaignId,
        String campaignName,
        String segmentId,
        String segmentName,
        String oneId,
        int ordinal,
        String message,
        Map<String, Object> tags,
        Instant sentAt) {}
