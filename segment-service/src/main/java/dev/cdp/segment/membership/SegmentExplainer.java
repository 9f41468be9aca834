package dev.cdp.segment.membership;

import dev.cdp.rules.Context;
import dev.cdp.rules.Explanation;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.definition.UnknownSegmentException;
import dev.cdp.segment.membership.repository.MembershipRepository;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.UnseenProfileException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a profile is in a segment or not: the segment's condition tree with each condition's result
 * and the tag value it read, decided on the profile's stored tags as evaluation decides, next to
 * whether the profile is a member.
 */
@ApplicationScoped
public class SegmentExplainer {

    private final SegmentCatalog catalog;
    private final ProfileTable profiles;
    private final MembershipRepository memberships;

    public SegmentExplainer(SegmentCatalog catalog, ProfileTable profiles, MembershipRepository memberships) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.memberships = memberships;
    }

    /** @param member whether the profile is in the segment now; {@code explanation.result()} whether its tags match now */
    public record SegmentExplanation(String segmentId, String oneId, boolean member, Explanation explanation) {}

    public Uni<SegmentExplanation> explain(String segmentId, String oneId) {
        return catalog.current().chain(segments -> {
            CompiledSegment segment = segments.stream()
                    .filter(candidate -> candidate.id().equals(segmentId))
                    .findFirst()
                    .orElseThrow(() -> new UnknownSegmentException(segmentId));
            return profiles.get(oneId).chain(profile -> {
                if (profile == null) {
                    return Uni.createFrom().failure(new UnseenProfileException(oneId));
                }
                return Panache.withSession(() -> memberships.listByOneId(oneId)).map(rows -> {
                    Set<String> in = rows.stream().map(row -> row.segmentId).collect(Collectors.toSet());
                    Context context = segment.context(Instant.now(), in);
                    return new SegmentExplanation(
                            segmentId,
                            oneId,
                            in.contains(segmentId),
                            Explanation.of(segment.rule().condition(), RuleValues.of(profile.tags()), context));
                });
            });
        });
    }
}
