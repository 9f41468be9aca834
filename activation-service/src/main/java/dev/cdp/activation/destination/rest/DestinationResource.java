package dev.cdp.activation.destination.rest;

import dev.cdp.activation.destination.DestinationService;
import dev.cdp.activation.destination.DestinationSpec;
import dev.cdp.activation.destination.DestinationView;
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

/** Destinations over REST, for operators and the demo; {@code POST /v1/destinations}. */
@Path("/v1/destinations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {

    private final DestinationService destinations;

    public DestinationResource(DestinationService destinations) {
        this.destinations = destinations;
    }

    /** {@code {"name": "CRM hook", "type": "WEBHOOK", "url": "https://crm.example.com/hooks/cdp"}} */
    public record CreateDestination(String name, String type, String url) {}

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @POST
    @ResponseStatus(201)
    public Uni<DestinationView> create(CreateDestination body) {
        if (body == null) {
            throw new BadRequestException("send a JSON object {\"name\", \"type\": \"WEBHOOK\", \"url\"}");
        }
        return destinations.create(DestinationSpec.of(body.name(), body.type(), body.url()));
    }
}
