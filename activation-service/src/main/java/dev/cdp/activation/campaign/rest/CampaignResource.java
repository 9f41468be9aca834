package dev.cdp.activation.campaign.rest;

import dev.cdp.activation.campaign.CampaignService;
import dev.cdp.activation.campaign.CampaignSpec;
import dev.cdp.activation.campaign.CampaignView;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Campaigns over REST, for operators and the demo; {@code POST /v1/campaigns}. */
@Path("/v1/campaigns")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    /** {@code {"name": "Welcome VIPs", "segmentId": "vip", "destinationId": "…", "message": "Hi {{one_id}}"}} */
    public record CreateCampaign(String name, String segmentId, String destinationId, String message) {}

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @POST
    @ResponseStatus(201)
    public Uni<CampaignView> create(CreateCampaign body) {
        if (body == null) {
            throw new BadRequestException(
                    "send a JSON object {\"name\", \"segmentId\", \"destinationId\", \"message\"}");
        }
        return campaigns.create(CampaignSpec.of(body.name(), body.segmentId(), body.destinationId(), body.message()));
    }
}
