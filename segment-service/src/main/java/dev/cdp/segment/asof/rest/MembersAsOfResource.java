package dev.cdp.segment.asof.rest;

import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.security.Roles;
import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.asof.SegmentAsOf.MemberAsOf;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/segments/{id}/members/as-of?at=2026-11-01T00:00:00Z&limit=100&after=<oneId>}:
 * how many members the segment had at that moment and a page of them in OneID order.
 */
@Path("/v1/segments/{id}/members/as-of")
@Produces(MediaType.APPLICATION_JSON)
public class MembersAsOfResource {

    private final SegmentAsOf asOf;
    private final int maxLimit;

    public MembersAsOfResource(SegmentAsOf asOf, SegmentConfig config) {
        this.asOf = asOf;
        this.maxLimit = config.membersMaxLimit();
    }

    /**
     * @param count every member at {@code at}
     * @param version the segment's version in force then; null when it had no member
     * @param members up to {@code limit} of them after {@code after}
     */
    public record MembersAsOf(Instant at, long count, Integer version, List<Member> members) {}

    public record Member(String oneId, int ordinal) {}

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<MembersAsOf> members(
            @PathParam("id") String id,
            @QueryParam("at") String at,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") @DefaultValue("") String after) {
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidInputException("limit", "must be from 1 to " + maxLimit + ", got " + limit);
        }
        Instant moment = SegmentAsOf.moment("at", at);
        return asOf.members(id, moment, "at")
                .collect()
                .in(() -> new Page(limit, after), Page::add)
                .map(page -> new MembersAsOf(moment, page.count, page.version, List.copyOf(page.members)));
    }

    /** Counts every member and keeps only the page asked for: the population never sits in memory. */
    private static final class Page {

        private final int limit;
        private final String after;
        private final List<Member> members = new ArrayList<>();
        private long count;
        private Integer version;

        Page(int limit, String after) {
            this.limit = limit;
            this.after = after;
        }

        void add(MemberAsOf member) {
            count++;
            version = member.version();
            if (members.size() < limit && member.oneId().compareTo(after) > 0) {
                members.add(new Member(member.oneId(), member.ordinal()));
            }
        }
    }
}
