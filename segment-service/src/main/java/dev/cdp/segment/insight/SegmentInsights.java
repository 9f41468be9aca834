package dev.cdp.segment.insight;

import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.asof.SegmentAsOf.ProfileAsOf;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.engine.ProfileIndex;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.engine.SegmentEngine.Distribution;
import dev.cdp.segment.membership.MembershipService;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * Persona insight: what a segment's members are like against a population, and how two segments
 * overlap. The counts come from the segment engine's bitmaps over the stored members.
 */
@ApplicationScoped
public class SegmentInsights {

    static final int MAX_TAGS = 20;
    static final int TOP = 5;
    /** Numbers are shown in about this many ranges of equal population. */
    static final int NUMBER_RANGES = 5;

    private final SegmentDefinitionService definitions;
    private final MembershipService memberships;
    private final SegmentEngine engine;
    private final TagCatalogue catalogue;
    private final SegmentAsOf asOf;

    public SegmentInsights(
            SegmentDefinitionService definitions,
            MembershipService memberships,
            SegmentEngine engine,
            TagCatalogue catalogue,
            SegmentAsOf asOf) {
        this.definitions = definitions;
        this.memberships = memberships;
        this.engine = engine;
        this.catalogue = catalogue;
        this.asOf = asOf;
    }

    /**
     * @param tags the tags to break down, each a tag of the catalogue
     * @param against the segment whose members are the population; null for every profile
     * @throws InvalidSegmentException (as the Uni's failure) for no tags, too many, or an unknown one
     * @throws dev.cdp.segment.definition.UnknownSegmentException (as the Uni's failure) for an unknown segment
     */
    public Uni<PersonaInsight> insight(String segmentId, List<String> tags, String against) {
        try {
            check(tags);
        } catch (InvalidSegmentException e) {
            return Uni.createFrom().failure(e);
        }
        List<String> segments = new ArrayList<>(List.of(segmentId));
        if (against != null) {
            segments.add(against);
        }
        return definitions
                .require(segmentId)
                .call(() -> against == null ? Uni.createFrom().voidItem() : definitions.require(against))
                .chain(() -> memberships.membersOf(segments))
                .map(members -> PersonaInsight.of(
                        segmentId,
                        against,
                        engine.distribution(
                                members.getOrDefault(segmentId, List.of()),
                                against == null ? null : members.getOrDefault(against, List.of()),
                                tags,
                                NUMBER_RANGES),
                        TOP));
    }

    /**
     * The insight as it was at {@code at}: members, population and tag values as tag-service's
     * history has them then, the segments decided by the versions in force then. The asked tags'
     * values of the population are held while the answer is counted.
     *
     * @throws InvalidSegmentException (as the Uni's failure) for no tags, too many, or an unknown one
     * @throws dev.cdp.platform.error.InvalidInputException (as the Uni's failure) for a moment in
     *     the future or before a segment was created
     * @throws dev.cdp.segment.asof.TagsUnavailableException (as the Uni's failure) when tag-service does not answer
     */
    public Uni<PersonaInsight> insight(String segmentId, List<String> tags, String against, Instant at) {
        try {
            check(tags);
        } catch (InvalidSegmentException e) {
            return Uni.createFrom().failure(e);
        }
        return asOf.profiles(segmentId, against, at, "at")
                .collect()
                .in(() -> new PastIndex(tags), PastIndex::add)
                .map(past -> PersonaInsight.of(
                        segmentId,
                        against,
                        Distribution.of(past.index, past.members, past.population, tags, NUMBER_RANGES),
                        TOP));
    }

    /** The asked tags of the profiles of a past moment, indexed as the engine indexes today's. */
    private static final class PastIndex {

        private final Set<String> tags;
        private final Map<Integer, Map<String, Object>> values = new HashMap<>();
        private final ProfileIndex index = new ProfileIndex(values::get);
        private final RoaringBitmap members = new RoaringBitmap();
        private final RoaringBitmap population = new RoaringBitmap();

        PastIndex(List<String> tags) {
            this.tags = Set.copyOf(tags);
        }

        void add(ProfileAsOf profile) {
            if (!profile.inPopulation()) {
                return;
            }
            int ordinal = profile.profile().ordinal();
            Map<String, Object> asked =
                    new HashMap<>(RuleValues.of(profile.profile().tags()));
            asked.keySet().retainAll(tags);
            values.put(ordinal, asked);
            index.add(ordinal, asked);
            population.add(ordinal);
            if (profile.member()) {
                members.add(ordinal);
            }
        }
    }

    /** How two segments overlap: each one's size, the members they share, and the Jaccard index. */
    public record Overlap(String segmentId, String otherId, long size, long otherSize, long both, double jaccard) {}

    public Uni<Overlap> overlap(String segmentId, String otherId) {
        return definitions
                .require(segmentId)
                .call(() -> definitions.require(otherId))
                .chain(() -> memberships.membersOf(List.of(segmentId, otherId)))
                .map(members -> overlap(segmentId, otherId, members));
    }

    static Overlap overlap(String segmentId, String otherId, Map<String, List<String>> members) {
        List<String> one = members.getOrDefault(segmentId, List.of());
        Set<String> other = new java.util.HashSet<>(members.getOrDefault(otherId, List.of()));
        long both = one.stream().filter(other::contains).count();
        long union = one.size() + other.size() - both;
        return new Overlap(
                segmentId,
                otherId,
                one.size(),
                other.size(),
                both,
                union == 0 ? 0 : Math.round((double) both / union * 10_000) / 10_000.0);
    }

    private void check(List<String> tags) {
        if (tags.isEmpty()) {
            throw new InvalidSegmentException(
                    "tags", "name at least one tag to break the segment down by, as in ?tags=city");
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidSegmentException("tags", tags.size() + " tags; the limit is " + MAX_TAGS);
        }
        for (String tag : tags) {
            if (catalogue.find(tag).isEmpty()) {
                throw new InvalidSegmentException("tags", catalogue.unknown(tag));
            }
        }
    }
}
