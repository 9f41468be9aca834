package dev.cdp.identity.privacy.erasure.rest;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code POST /v1/profiles/{oneId}/erasure}: erases the person (202 with the receipt, its
 * Location the receipt's URL), answers 200 with the existing receipt when the OneID was erased
 * before, 404 when it is unknown.
 */
@Path("/v1/profiles/{oneId}/erasure")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileErasureResource {

    private final ErasureService erasures;

    private final AuditLog audit;

    public ProfileErasureResource(ErasureService erasures, AuditLog audit) {
        this.erasures = erasures;
        this.audit = audit;
    }

    @RolesAllowed({Roles.PRIVACY})
    @POST
    public Uni<Response> erase(@PathParam("oneId") String oneId, HttpServerRequest http) {
        return erase(erasures, audit, oneId, AuditLog.address(http));
    }

    /** Shared with the erasure by identifier, which finds the OneID first. */
    static Uni<Response> erase(ErasureService erasures, AuditLog audit, String oneId, String address) {
        return erasures.erase(oneId)
                .onItem().ifNull().failWith(() -> new NotFoundException("no profile " + oneId + " and no erasure of it"))
                .call(outcome -> audit.person(AuditAction.ERASURE, oneId, address))
                .map(outcome -> Response.status(outcome.erasedNow() ? Response.Status.ACCEPTED : Response.Status.OK)
                        .location(URI.create("/v1/erasures/" + outcome.receipt().requestId()))
                        .entity(outcome.receipt())
                        .build());
    }
}
