package dev.cdp.segment.membership;

import dev.cdp.segment.definition.MemberCounts;
import dev.cdp.segment.membership.repository.MembershipRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Segment sizes from the membership rows, inside the caller's session. */
@ApplicationScoped
public class MembershipCounts implements MemberCounts {

    private final MembershipRepository memberships;

    public MembershipCounts(MembershipRepository memberships) {
        this.memberships = memberships;
    }

    @Override
    public Uni<Long> of(String segmentId) {
        return memberships.countBySegment(segmentId);
    }

    @Override
    public Uni<Map<String, Long>> all() {
        return memberships.countBySegments();
    }
}
