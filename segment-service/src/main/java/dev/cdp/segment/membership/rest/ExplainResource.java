package dev.cdp.segment.membership.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.segment.membership.SegmentExplainer;
import dev.cdp.segment.membership.SegmentExplainer.SegmentExplanation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/segments/{id}/explain/{oneId}}: the segment's condition tree for one profile, each
 * condition with its result and the tag value it read, and whether the profile is a member.
 */
@Path("/v1/segments/{id}/explain/{oneId}")
@Produces(MediaType.APPLICATION_JSON)
public class ExplainResource {

    private final SegmentExplainer explainer;

    public ExplainResource(SegmentExplainer explainer) {
        this.explainer = explainer;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @GET
    public Uni<SegmentExplanation> explain(@PathParam("id") String id, @PathParam("oneId") String oneId) {
        return explainer.explain(id, oneId);
    }
}
