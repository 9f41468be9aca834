package dev.cdp.segment.membership.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.membership.MemberView;
import dev.cdp.segment.membership.MembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /v1/segments/{id}/members?limit=100&after=<oneId>}: members in OneID order; pass the
 * last OneID of a page as {@code after} to get the next one.
 */
@Path("/v1/segments/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MembershipService memberships;
    private final int maxLimit;

    public MemberResource(MembershipService memberships, SegmentConfig config) {
        this.memberships = memberships;
        this.maxLimit = config.membersMaxLimit();
    }

    /** {@code limit} is read as text: JAX-RS would answer a non-number with 404, which misleads. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<List<MemberView>> members(
            @PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") String limit,
            @QueryParam("after") String after) {
        return memberships.page(id, after, parseLimit(limit));
    }

    private int parseLimit(String limit) {
        try {
            int parsed = Integer.parseInt(limit.strip());
            if (parsed >= 1 && parsed <= maxLimit) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new BadRequestException(
                "limit: must be a whole number from 1 to " + maxLimit + ", got \"" + limit + "\"");
    }
}
