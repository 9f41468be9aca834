package dev.cdp.identity.privacy.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where an erasure stands: when each store of each service finished ({@code services}:
 * service → store → time), which services are still awaited, and whether all have confirmed.
 *
 * @param completedAt when the last store finished, null until complete
 */
public record ReceiptView(
        String requestId,
        String oneId,
        List<String> absorbedOneIds,
        Instant requestedAt,
        Map<String, Map<String, Instant>> services,
        List<String> pendingServices,
        boolean complete,
        Instant completedAt) {}
