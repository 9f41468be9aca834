package dev.cdp.identity.merge.rest;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.identifiertype.rest.IdentifierQuery;
import dev.cdp.identity.merge.MergeService;
import dev.cdp.identity.merge.Split;
import dev.cdp.identity.merge.SplitService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Operators' merges and unmerges of profiles over REST, under the profiles' path. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class MergeResource {

    private final MergeService merges;
    private final SplitService splits;
    private final IdentifierQuery identifiers;
    private final AuditLog audit;

    public MergeResource(MergeService merges, SplitService splits, IdentifierQuery identifiers, AuditLog audit) {
        this.merges = merges;
        this.splits = splits;
        this.identifiers = identifiers;
        this.audit = audit;
    }

    /** Splits a profile by taking out an identifier that wrongly links people: {@code {"identifier": {"type": "device_id", "value": "…"}, "reason": "family tablet"}}. */
    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("/{oneId}/unmerge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Split> unmerge(@PathParam("oneId") String oneId, UnmergeRequest request, HttpServerRequest http) {
        if (request == null
                || request.identifier() == null
                || request.identifier().type() == null
                || request.identifier().value() == null) {
            throw new BadRequestException(
                    "identifier: the identifier to take out is required, e.g. {\"identifier\": {\"type\": \"device_id\", \"value\": \"…\"}}");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("reason: say why the identifier is taken out; it is kept with the split");
        }
        IdentifierValue identifier = identifiers.parse(
                request.identifier().type(), request.identifier().value());
        return splits.unmerge(oneId, identifier, request.reason())
                .call(() -> audit.person(AuditAction.UNMERGE, oneId, AuditLog.address(http)));
    }

    public record UnmergeRequest(IdentifierValue identifier, String reason) {}

    /** Merges profiles on an operator's word: {@code {"oneIds": ["…", "…"], "reason": "same customer, confirmed by phone"}}. */
    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<MergeService.AdminMerge> merge(MergeRequest request, HttpServerRequest http) {
        if (request == null || request.oneIds() == null) {
            throw new BadRequestException("oneIds: the OneIDs to merge are required");
        }
        return merges.merge(request.oneIds(), request.reason())
                .call(() -> Uni.join()
                        .all(request.oneIds().stream()
                                .map(oneId -> audit.person(AuditAction.MERGE, oneId, AuditLog.address(http)))
                                .toList())
                        .andFailFast());
    }

    public record MergeRequest(List<String> oneIds, String reason) {}
}
