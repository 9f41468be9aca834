package dev.cdp.segment.export.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.segment.export.SegmentExports;
import dev.cdp.segment.export.SnapshotView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /v1/segments/{id}/snapshots} keeps the current members as the next version (201);
 * {@code GET} lists the versions kept, oldest first. Exports read them by {@code version}.
 */
@Path("/v1/segments/{id}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    private final SegmentExports exports;

    public SnapshotResource(SegmentExports exports) {
        this.exports = exports;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @POST
    public Uni<RestResponse<SnapshotView>> take(@PathParam("id") String id) {
        return exports.takeSnapshot(id).map(snapshot -> RestResponse.status(RestResponse.Status.CREATED, snapshot));
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<List<SnapshotView>> list(@PathParam("id") String id) {
        return exports.snapshots(id);
    }
}
