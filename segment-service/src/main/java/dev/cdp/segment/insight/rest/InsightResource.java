package dev.cdp.segment.insight.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.insight.PersonaInsight;
import dev.cdp.segment.insight.SegmentInsights;
import dev.cdp.segment.insight.SegmentSize;
import dev.cdp.segment.insight.SegmentSizes;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;

/**
 * Persona insight over REST: {@code GET /v1/segments/{id}/insight?tags=city,lifecycle_stage[&against=id][&at=instant]},
 * {@code GET /v1/segments/{id}/overlap?with=id}, {@code GET /v1/segments/{id}/sizes[?from=&to=]}.
 * Counts only: no person's data leaves.
 */
@Path("/v1/segments/{id}")
public class InsightResource {

    private final SegmentInsights insights;
    private final SegmentSizes sizes;

    public InsightResource(SegmentInsights insights, SegmentSizes sizes) {
        this.insights = insights;
        this.sizes = sizes;
    }

    @GET
    @Path("/insight")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<PersonaInsight> insight(
            @PathParam("id") String id,
            @QueryParam("tags") String tags,
            @QueryParam("against") String against,
            @QueryParam("at") String at) {
        List<String> names = tags == null
                ? List.of()
                : Arrays.stream(tags.split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .distinct()
                        .toList();
        String population = against == null || against.isBlank() ? null : against;
        return at == null
                ? insights.insight(id, names, population)
                : insights.insight(id, names, population, SegmentAsOf.moment("at", at));
    }

    @GET
    @Path("/overlap")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<SegmentInsights.Overlap> overlap(@PathParam("id") String id, @QueryParam("with") String with) {
        if (with == null || with.isBlank()) {
            return Uni.createFrom()
                    .failure(new InvalidSegmentException("with", "name the other segment's id, as in ?with=…"));
        }
        return insights.overlap(id, with);
    }

    /** The recorded sizes, oldest first; by default those of the last 30 days. */
    @GET
    @Path("/sizes")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<List<SegmentSize>> sizes(
            @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return sizes.between(
                id,
                from == null ? null : SegmentAsOf.moment("from", from),
                to == null ? null : SegmentAsOf.moment("to", to));
    }
}
