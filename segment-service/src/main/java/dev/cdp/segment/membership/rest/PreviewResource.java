package dev.cdp.segment.membership.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.platform.security.Roles;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.membership.SegmentPreview;
import dev.cdp.segment.membership.SegmentPreview.Preview;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/segments/preview {"rule": "total_spend > 100"}} (or {@code "definition"}): how many
 * profiles a draft condition holds now, of how many, and the first ten, without defining a segment.
 */
@Path("/v1/segments/preview")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {

    private final SegmentPreview preview;

    public PreviewResource(SegmentPreview preview) {
        this.preview = preview;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @POST
    public Uni<Preview> preview(JsonNode body, @QueryParam("reach") boolean reach) {
        if (body == null || !body.isObject()) {
            throw new InvalidSegmentException("body", "must be a JSON object with the rule or the definition");
        }
        JsonNode rule = body.get("rule");
        if (rule != null && !rule.isNull() && !rule.isTextual()) {
            throw new InvalidSegmentException("rule", "must be a string");
        }
        return preview.preview(rule == null || rule.isNull() ? null : rule.textValue(), body.get("definition"), reach);
    }
}
