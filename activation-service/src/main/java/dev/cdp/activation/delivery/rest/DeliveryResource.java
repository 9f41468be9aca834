package dev.cdp.activation.delivery.rest;

import dev.cdp.activation.delivery.DeliveryService;
import dev.cdp.activation.delivery.DeliveryStatus;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Deliveries across campaigns, for operators and the demo. */
@Path("/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;

    public DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    /** {@code GET /v1/deliveries/summary}: {@code {"PENDING": 0, "DELIVERED": 12, "FAILED": 1}}. */
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @GET
    @Path("/summary")
    public Uni<Map<DeliveryStatus, Long>> summary() {
        return deliveries.countByStatus();
    }
}
