package dev.cdp.tag.governance.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.tag.backfill.BackfillJob;
import dev.cdp.tag.backfill.Backfiller;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.CatalogueTree;
import dev.cdp.tag.catalogue.InvalidTagException;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.UnknownTagException;
import dev.cdp.tag.custom.TagUpload;
import dev.cdp.tag.governance.TagGovernance;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The tag catalogue over REST (JSON): browse the tree, define, change and retire tags. */
@Path("/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    private final CatalogueService catalogue;
    private final TagGovernance governance;
    private final Backfiller backfiller;
    private final TagUpload upload;

    public CatalogueResource(
            CatalogueService catalogue, TagGovernance governance, Backfiller backfiller, TagUpload upload) {
        this.catalogue = catalogue;
        this.governance = governance;
        this.backfiller = backfiller;
        this.upload = upload;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<CatalogueTree> tree(@QueryParam("includeRetired") boolean includeRetired) {
        return catalogue.latest().map(tags -> CatalogueTree.of(tags, includeRetired));
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    @Path("/tags/{code}")
    public Uni<TagDefinition> get(@PathParam("code") String code) {
        return catalogue.get(code);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @POST
    @Path("/tags")
    public Uni<Response> define(TagDefinition tag) {
        return governance
                .define(required(tag))
                .map(defined -> Response.created(URI.create("/v1/catalogue/tags/" + defined.code()))
                        .entity(defined)
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @PUT
    @Path("/tags/{code}")
    public Uni<TagDefinition> update(@PathParam("code") String code, TagDefinition tag) {
        return governance.update(withCode(required(tag), code));
    }

    /** An empty body is bad input, not a failure. */
    private static TagDefinition required(TagDefinition tag) {
        if (tag == null) {
            throw new InvalidTagException(
                    "body", "a tag definition is required, e.g. {\"code\": \"vip\", \"name\": \"VIP\", …}");
        }
        return tag;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @DELETE
    @Path("/tags/{code}")
    public Uni<TagDefinition> retire(@PathParam("code") String code) {
        return governance.retire(code);
    }

    /**
     * Sets a custom or model tag for the people a CSV lists ({@code one_id}, or identifier
     * columns such as {@code email}, {@code phone}, {@code user_id}; optional {@code value}).
     * Bad and unmatched rows are reported by line; the others are applied.
     */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @POST
    @Path("/tags/{code}/values")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public Uni<TagUpload.Report> upload(@PathParam("code") String code, @QueryParam("value") String value, String csv) {
        return upload.upload(code, csv, value);
    }

    /** Progress of the latest backfill of a rule tag: state, profiles done of total. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @GET
    @Path("/tags/{code}/backfill")
    public Uni<BackfillJob> backfill(@PathParam("code") String code) {
        return backfiller.latest(code).map(job -> {
            if (job == null) {
                throw new UnknownTagException("tag " + code + " was never backfilled");
            }
            return job;
        });
    }

    private static TagDefinition withCode(TagDefinition tag, String code) {
        return new TagDefinition(
                code,
                tag.name(),
                tag.category(),
                tag.subcategory(),
                tag.type(),
                tag.valueType(),
                tag.enumValues(),
                tag.kind(),
                tag.rule(),
                tag.cases(),
                tag.otherwise(),
                tag.owner(),
                tag.description(),
                tag.status(),
                tag.refresh(),
                0);
    }
}
