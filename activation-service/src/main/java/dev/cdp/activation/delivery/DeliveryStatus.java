package dev.cdp.activation.delivery;

/** Where a delivery stands; PENDING until an attempt succeeds or the last allowed one fails. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
