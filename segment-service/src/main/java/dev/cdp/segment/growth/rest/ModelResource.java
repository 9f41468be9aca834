package dev.cdp.segment.growth.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.security.Roles;
import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.growth.AiplRuns;
import dev.cdp.segment.growth.InterestRuns;
import dev.cdp.segment.growth.LtvRuns;
import dev.cdp.segment.growth.ModelRunView;
import dev.cdp.segment.growth.ModelRuns;
import dev.cdp.segment.growth.RfmRuns;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Growth model runs over REST: {@code POST /v1/models/rfm/runs?scoring=quintiles|mean[&segment=id]}
 * starts one over every customer or a segment's members (202, the run to follow);
 * {@code POST /v1/models/ltv/runs[?calibrationEnd=2026-09-30]} fits lifetime value on the orders; {@code GET /v1/models/{rfm|ltv}/runs} lists them newest first,
 * {@code GET /v1/models/runs/{id}} reads one, {@code GET /v1/models/rfm/grid} is the R×F grid of
 * the newest finished run.
 */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final RfmRuns rfm;
    private final LtvRuns ltv;
    private final AiplRuns aipl;
    private final InterestRuns interests;
    private final ModelRuns runs;

    public ModelResource(RfmRuns rfm, LtvRuns ltv, AiplRuns aipl, InterestRuns interests, ModelRuns runs) {
        this.interests = interests;
        this.rfm = rfm;
        this.ltv = ltv;
        this.aipl = aipl;
        this.runs = runs;
    }

    @POST
    @Path("/rfm/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<RestResponse<ModelRunView>> startRfm(
            @QueryParam("scoring") @DefaultValue("quintiles") String scoring, @QueryParam("segment") String segment) {
        return rfm.start(scoring, given(segment)).map(ModelResource::accepted);
    }

    @POST
    @Path("/ltv/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<RestResponse<ModelRunView>> startLtv(@QueryParam("calibrationEnd") String calibrationEnd) {
        return ltv.start(given(calibrationEnd)).map(ModelResource::accepted);
    }

    @GET
    @Path("/ltv/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<List<ModelRunView>> ltvRuns() {
        return runs.list(LtvRuns.MODEL);
    }

    @POST
    @Path("/aipl/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<RestResponse<ModelRunView>> startAipl(@QueryParam("segment") String segment) {
        return aipl.start(given(segment)).map(ModelResource::accepted);
    }

    @GET
    @Path("/aipl/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<List<ModelRunView>> aiplRuns() {
        return runs.list(AiplRuns.MODEL);
    }

    /** {@code GET /v1/models/aipl/transitions?from=…&to=…}: profiles moving between stages. */
    @GET
    @Path("/aipl/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<ObjectNode> aiplTransitions(@QueryParam("from") String from, @QueryParam("to") String to) {
        return aipl.transitions(
                SegmentAsOf.moment("from", from), to == null ? Instant.now() : SegmentAsOf.moment("to", to));
    }

    @POST
    @Path("/interests/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<RestResponse<ModelRunView>> startInterests() {
        return interests.start().map(ModelResource::accepted);
    }

    @GET
    @Path("/interests/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<List<ModelRunView>> interestRuns() {
        return runs.list(InterestRuns.MODEL);
    }

    /** {@code GET /v1/models/interests/cooccurrence?segment=…}: which interests the segment's members hold together. */
    @GET
    @Path("/interests/cooccurrence")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<ObjectNode> interestCooccurrence(@QueryParam("segment") String segment) {
        if (segment == null || segment.isBlank()) {
            throw new InvalidInputException("segment", "name the segment, as in ?segment=<id>");
        }
        return interests.cooccurrence(segment);
    }

    @GET
    @Path("/rfm/runs")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<List<ModelRunView>> rfmRuns() {
        return runs.list(RfmRuns.MODEL);
    }

    @GET
    @Path("/rfm/grid")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<RfmRuns.Grid> rfmGrid() {
        return rfm.grid();
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    public Uni<ModelRunView> run(@PathParam("id") String id) {
        return runs.get(id);
    }

    /** 202 with the run to follow. */
    private static RestResponse<ModelRunView> accepted(ModelRunView run) {
        return RestResponse.ResponseBuilder.accepted(run)
                .location(URI.create("/v1/models/runs/" + run.id()))
                .build();
    }

    /** A query parameter given with a value, or null. */
    private static String given(String parameter) {
        return parameter == null || parameter.isBlank() ? null : parameter;
    }
}
