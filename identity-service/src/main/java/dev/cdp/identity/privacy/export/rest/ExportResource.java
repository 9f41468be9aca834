package dev.cdp.identity.privacy.export.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.privacy.export.ExportService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v1/profiles/{oneId}/export}: everything held on the person as one JSON document,
 * the proto3 JSON form of cdp.v1.PersonalDataExport (fields in lowerCamelCase, empty lists too).
 */
@Path("/v1/profiles/{oneId}/export")
public class ExportResource {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private final ExportService exports;
    private final AuditLog audit;

    public ExportResource(ExportService exports, AuditLog audit) {
        this.exports = exports;
        this.audit = audit;
    }

    @RolesAllowed({Roles.PRIVACY})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> export(@PathParam("oneId") String oneId, HttpServerRequest http) {
        return exports.export(oneId)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no profile " + oneId))
                .call(() -> audit.person(AuditAction.EXPORT, oneId, AuditLog.address(http)))
                .map(export -> {
                    try {
                        return Response.ok(JSON.print(export))
                                .header("Content-Disposition", "attachment; filename=\"cdp-export-" + oneId + ".json\"")
                                .build();
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException("the export of " + oneId + " cannot be written as JSON", e);
                    }
                });
    }
}
