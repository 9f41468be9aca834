package dev.cdp.identity.audit.rest;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** {@code GET /v1/audit?oneId=&actor=&action=&since=&limit=}: who did what to personal data, newest first. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @RolesAllowed({Roles.ADMIN})
    @GET
    public Uni<List<AuditLog.View>> query(
            @QueryParam("oneId") String oneId,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        AuditAction known;
        try {
            known = action == null ? null : AuditAction.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    "action \"" + action + "\" is none of " + Arrays.toString(AuditAction.values()));
        }
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "since \"" + since + "\" is not an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        return audit.query(actor, known, oneId, from, limit);
    }
}
