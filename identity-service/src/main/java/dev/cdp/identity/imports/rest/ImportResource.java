package dev.cdp.identity.imports.rest;

import dev.cdp.identity.imports.ImportReport;
import dev.cdp.identity.imports.ImportService;
import dev.cdp.identity.source.SourceService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * CSV imports: {@code POST /v1/imports?kind=crm_member&source=<write key>} with a text/csv body,
 * answered with the report once every row is done; {@code GET /v1/imports/{id}} reads it again.
 */
@Path("/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final SourceService sources;

    public ImportResource(ImportService imports, SourceService sources) {
        this.imports = imports;
        this.sources = sources;
    }

    /**
     * @param source the write key of the source the rows come from, unless sent as the Segment API
     *     sends it (HTTP Basic user name or X-Write-Key)
     * @param id the import's id: the same id again applies nothing twice; default, one derived
     *     from the source, kind and content
     */
    @PermitAll
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public Uni<Response> upload(
            @QueryParam("kind") String kind,
            @QueryParam("source") String source,
            @QueryParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("X-Write-Key") String writeKey,
            String csv) {
        return sources.authenticate(authorization, writeKey != null && !writeKey.isBlank() ? writeKey : source)
                .chain(from -> imports.run(from, kind, id, csv))
                .map(report -> Response.ok(report).build());
    }

    @RolesAllowed({Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<ImportReport> get(@PathParam("id") String id) {
        return imports.get(id).onItem().ifNull().failWith(() -> new NotFoundException("no import " + id));
    }
}
