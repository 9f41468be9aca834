package dev.cdp.identity.privacy.erasure.rest;

import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.rest.IdentifierQuery;
import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.identity.privacy.erasure.ReceiptView;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Erasure requests by identifier, {@code POST /v1/erasures?type=email&value=…} (as
 * {@link ProfileErasureResource} by OneID), and receipts: {@code GET /v1/erasures/{id}} answers
 * where an erasure stands.
 */
@Path("/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final ErasureService erasures;
    private final ProfileService profiles;
    private final IdentifierQuery identifiers;
    private final AuditLog audit;

    public ErasureResource(
            ErasureService erasures, ProfileService profiles, IdentifierQuery identifiers, AuditLog audit) {
        this.audit = audit;
        this.erasures = erasures;
        this.profiles = profiles;
        this.identifiers = identifiers;
    }

    /** By an identifier; once erased the identifier is gone, so a repeat answers 404: use the OneID or the receipt. */
    @RolesAllowed({Roles.PRIVACY})
    @POST
    public Uni<Response> eraseByIdentifier(
            @QueryParam("type") String type, @QueryParam("value") String value, HttpServerRequest http) {
        return profiles.byIdentifier(identifiers.parse(type, value))
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no profile has " + type + " " + value))
                .chain(profile -> Erasures.erase(erasures, audit, profile.oneId(), AuditLog.address(http)));
    }

    @RolesAllowed({Roles.PRIVACY})
    @GET
    @Path("/{id}")
    public Uni<ReceiptView> receipt(@PathParam("id") String id) {
        return erasures.receipt(id).onItem().ifNull().failWith(() -> new NotFoundException("no erasure request " + id));
    }
}
