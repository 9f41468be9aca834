package dev.cdp.activation.delivery;

import java.time.Instant;

/** A delivery as callers see it; {@code lastStatusCode} and {@code lastError} are null when not applicable. */
public record DeliveryView(
        String id,
        String campaignId,
        String oneId,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    static DeliveryView of(Delivery delivery) {
        return new DeliveryView(
                delivery.id,
                delivery.campaignId,
                delivery.oneId,
                delivery.status,
                delivery.attempts,
                delivery.lastStatusCode,
                delivery.lastError,
                delivery.createdAt,
                delivery.updatedAt);
    }
}
