package dev.cdp.segment.growth;

import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.membership.MembershipService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/** Who a model run covers: every profile, or the members of one segment. */
@ApplicationScoped
public class Populations {

    private final SegmentDefinitionService definitions;
    private final MembershipService memberships;

    public Populations(SegmentDefinitionService definitions, MembershipService memberships) {
        this.definitions = definitions;
        this.memberships = memberships;
    }

    /** @throws dev.cdp.segment.definition.UnknownSegmentException (as the Uni's failure) for an unknown segment */
    public Uni<Void> require(String segmentId) {
        return segmentId == null ? Uni.createFrom().voidItem() : definitions.require(segmentId);
    }

    /** The segment's members now; null (everyone) for no segment. */
    public Uni<Set<String>> members(String segmentId) {
        if (segmentId == null) {
            return Uni.createFrom().nullItem();
        }
        return memberships
                .membersOf(List.of(segmentId))
                .map(members -> Set.copyOf(members.getOrDefault(segmentId, List.of())));
    }
}
