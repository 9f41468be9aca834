package dev.cdp.segment.membership;

import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.definition.UnknownSegmentException;
import dev.cdp.segment.membership.repository.MembershipRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Reads segment members. Every method fails with {@link UnknownSegmentException} for an unknown segment id. */
@ApplicationScoped
public class MembershipService {

    private final MembershipRepository memberships;
    private final SegmentDefinitionService segments;
    private final int streamPage;

    public MembershipService(
            MembershipRepository memberships, SegmentDefinitionService segments, SegmentConfig config) {
        this.memberships = memberships;
        this.segments = segments;
        this.streamPage = config.membersStreamPage();
    }

    /** The member OneIDs of each of these segments (none listed for a segment without members). */
    public Uni<Map<String, List<String>>> membersOf(Collection<String> segmentIds) {
        return Panache.withSession(() -> memberships.oneIdsBySegment(segmentIds));
    }

    /** Answers from the membership row alone when there is one; only a "no" pays for checking the segment exists. */
    @WithSession
    public Uni<Boolean> isMember(String segmentId, String oneId) {
        return memberships
                .exists(segmentId, oneId)
                .chain(member -> member
                        ? Uni.createFrom().item(true)
                        : segments.require(segmentId).replaceWith(false));
    }

    /** Up to {@code limit} members in OneID order, after {@code afterOneId} (null or empty for the first page). */
    @WithSession
    public Uni<List<MemberView>> page(String segmentId, String afterOneId, int limit) {
        return segments.require(segmentId)
                .chain(() -> memberships.page(segmentId, afterOneId == null ? "" : afterOneId, limit))
                .map(page -> page.stream().map(MembershipService::view).toList());
    }

    /** The segments a profile is in, oldest entry first. */
    @WithSession
    public Uni<List<ProfileMembershipView>> ofProfile(String oneId) {
        return memberships
                .listByOneId(oneId)
                .chain(current -> segments.names()
                        .map(names -> current.stream()
                                .sorted(Comparator.comparing((Membership m) -> m.enteredAt)
                                        .thenComparing(m -> m.segmentId))
                                .map(m -> new ProfileMembershipView(
                                        m.segmentId, names.getOrDefault(m.segmentId, ""), m.enteredAt))
                                .toList()));
    }

    /** All members in OneID order, read a page at a time so a large segment streams in bounded memory. */
    public Multi<MemberView> stream(String segmentId) {
        return Panache.withSession(() -> segments.require(segmentId))
                .onItem()
                .transformToMulti(ignored -> Multi.createBy()
                        .repeating()
                        .uni(
                                () -> new AtomicReference<>(""),
                                after -> Panache.withSession(() -> memberships.page(segmentId, after.get(), streamPage))
                                        .invoke(page -> {
                                            if (!page.isEmpty()) {
                                                after.set(page.get(page.size() - 1).oneId);
                                            }
                                        }))
                        .whilst(page -> page.size() == streamPage)
                        .onItem()
                        .<Membership>disjoint())
                .map(MembershipService::view);
    }

    private static MemberView view(Membership membership) {
        return new MemberView(membership.oneId, membership.ordinal, membership.enteredAt);
    }
}
