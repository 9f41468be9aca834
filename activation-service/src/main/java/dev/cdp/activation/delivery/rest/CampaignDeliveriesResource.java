package dev.cdp.activation.delivery.rest;

import dev.cdp.activation.delivery.DeliveryService;
import dev.cdp.activation.delivery.DeliveryView;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/campaigns/{campaignId}/deliveries}: a campaign's deliveries, newest first. */
@Path("/v1/campaigns/{campaignId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignDeliveriesResource {

    private final DeliveryService deliveries;

    public CampaignDeliveriesResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @GET
    public Uni<List<DeliveryView>> list(@PathParam("campaignId") String campaignId) {
        return deliveries.listByCampaign(campaignId);
    }
}
