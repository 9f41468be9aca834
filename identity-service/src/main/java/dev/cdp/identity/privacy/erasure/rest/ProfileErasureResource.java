package dev.cdp.identity.privacy.erasure.rest;

import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
        return Erasures.erase(erasures, audit, oneId, AuditLog.address(http));
    }
}
