package dev.cdp.identity.privacy.erasure.rest;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.privacy.erasure.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * An erasure as both erasure endpoints answer it (by OneID, and by an identifier once it is
 * resolved): 202 with the receipt, its Location the receipt's URL; 200 with the existing receipt
 * when the OneID was erased before; 404 when it is unknown. Audited.
 */
final class Erasures {

    private Erasures() {}

    static Uni<Response> erase(ErasureService erasures, AuditLog audit, String oneId, String address) {
        return erasures.erase(oneId)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no profile " + oneId + " and no erasure of it"))
                .call(outcome -> audit.person(AuditAction.ERASURE, oneId, address))
                .map(outcome -> Response.status(outcome.erasedNow() ? Response.Status.ACCEPTED : Response.Status.OK)
                        .location(URI.create("/v1/erasures/" + outcome.receipt().requestId()))
                        .entity(outcome.receipt())
                        .build());
    }
}
