package dev.cdp.segment.definition.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.security.Roles;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.definition.SegmentPauses;
import dev.cdp.segment.definition.SegmentVersionView;
import dev.cdp.segment.definition.SegmentView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Segments over REST, for operators and the demo; services use gRPC. Errors are answered by the platform's RestErrors. */
@Path("/v1/segments")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final SegmentDefinitionService segments;
    private final SegmentPauses pauses;
    private final ObjectMapper json;

    public SegmentResource(SegmentDefinitionService segments, SegmentPauses pauses, ObjectMapper json) {
        this.segments = segments;
        this.pauses = pauses;
        this.json = json;
    }

    /**
     * {@code POST /v1/segments {"name": "big spenders", "rule": "total_spend > 100"}}, or with the
     * condition as the JSON tree: {@code {"name": …, "definition": {"version": 1, "condition": …}}}.
     * The body is read by hand rather than bound, so a field of the wrong type is named in the
     * answer as the language's own errors are.
     */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @POST
    public Uni<Response> create(String body) {
        JsonNode request = readObject(body);
        return segments.create(text(request, "name"), text(request, "rule"), request.get("definition"))
                .map(created -> Response.created(URI.create("/v1/segments/" + created.id()))
                        .entity(created)
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<List<SegmentView>> list() {
        return segments.list();
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    @Path("/{id}")
    public Uni<SegmentView> get(@PathParam("id") String id) {
        return segments.get(id);
    }

    /**
     * {@code PUT /v1/segments/{id} {"rule": "total_spend > 500"}} (or {@code "definition"}): a new
     * version of the rule, decided over every profile at once, so exactly the profiles the edit
     * moves enter or exit.
     */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @PUT
    @Path("/{id}")
    public Uni<SegmentView> update(@PathParam("id") String id, String body) {
        JsonNode request = readObject(body);
        return segments.update(id, text(request, "rule"), request.get("definition"));
    }

    /** {@code DELETE /v1/segments/{id}} archives the segment: every member exits; it stays readable. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @DELETE
    @Path("/{id}")
    public Uni<SegmentView> archive(@PathParam("id") String id) {
        return segments.archive(id);
    }

    /** {@code POST /v1/segments/{id}/pause}: no longer evaluated; the members stay until it is resumed. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @POST
    @Path("/{id}/pause")
    public Uni<SegmentView> pause(@PathParam("id") String id) {
        return pauses.pause(id);
    }

    /** {@code POST /v1/segments/{id}/resume}: evaluated again, decided over every profile at once. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @POST
    @Path("/{id}/resume")
    public Uni<SegmentView> resume(@PathParam("id") String id) {
        return pauses.resume(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    @Path("/{id}/versions")
    public Uni<List<SegmentVersionView>> versions(@PathParam("id") String id) {
        return segments.versions(id);
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidSegmentException(
                    "body", "is empty; send {\"name\": ..., \"rule\": ...} or {\"name\": ..., \"definition\": ...}");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw new InvalidSegmentException("body", "must be a JSON object with name and rule");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidSegmentException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The field's text; null when absent, which the service reports as blank. */
    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidSegmentException(
                    field, "must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.textValue();
    }
}
