package dev.cdp.segment.asof;

import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.rules.Rule;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.Segment;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.definition.SegmentVersion;
import dev.cdp.segment.definition.UnknownSegmentException;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who was in a segment at a past moment, as a campaign of that day saw it: the segment's version
 * in force then (and of each segment it reads with {@code IN SEGMENT}), decided over every
 * profile's tags as tag-service's history has them at that moment, with "now" being that moment
 * (so {@code WITHIN 30 DAYS} counts back from it). Nothing is written: the profiles stream from
 * tag-service and are decided one by one as they come.
 */
@ApplicationScoped
public class SegmentAsOf {

    private final TagScanClient tags;

    public SegmentAsOf(TagScanClient tags) {
        this.tags = tags;
    }

    /** A member at {@code at}, decided by the segment's {@code version} in force then. */
    public record MemberAsOf(String oneId, int ordinal, int version) {}

    /**
     * The members at {@code at}, in OneID order.
     *
     * @param field how the caller named the moment, for the error about it
     * @throws UnknownSegmentException (as the stream's failure) for an unknown id
     * @throws InvalidInputException (as the stream's failure) for a moment in the future or before
     *     the segment was created
     * @throws TagsUnavailableException (as the stream's failure) when tag-service does not answer
     */
    public Multi<MemberAsOf> members(String segmentId, Instant at, String field) {
        return rulesAt(segmentId, at, field).onItem().transformToMulti(rules -> {
            if (rules.isEmpty()) {
                return Multi.createFrom().empty();
            }
            int version = rules.version(segmentId);
            return tags.asOf(at)
                    .filter(profile -> rules.decide(profile, at))
                    .map(profile -> new MemberAsOf(profile.oneId(), profile.ordinal(), version));
        });
    }

    /**
     * A profile as it was at a moment: its tags then, whether it was in the segment, and whether
     * it was in the population the segment is set against.
     */
    public record ProfileAsOf(TagSnapshot profile, boolean member, boolean inPopulation) {}

    /**
     * Every profile at {@code at}, each decided for the segment and for the population segment
     * {@code against} (every profile when null), in OneID order.
     *
     * @throws UnknownSegmentException (as the stream's failure) for an unknown segment
     * @throws InvalidInputException (as the stream's failure) for a moment in the future or before
     *     either segment was created
     * @throws TagsUnavailableException (as the stream's failure) when tag-service does not answer
     */
    public Multi<ProfileAsOf> profiles(String segmentId, String against, Instant at, String field) {
        return rulesAt(segmentId, at, field)
                .chain(rules -> against == null
                        ? Uni.createFrom().item(new Against(rules, null))
                        : rulesAt(against, at, field).map(population -> new Against(rules, population)))
                .onItem()
                .transformToMulti(rules -> tags.asOf(at)
                        .map(profile -> new ProfileAsOf(
                                profile,
                                rules.segment.decide(profile, at),
                                rules.population == null || rules.population.decide(profile, at))));
    }

    /** A segment's rules at a moment and those of the population it is set against, if any. */
    private record Against(RulesAt segment, RulesAt population) {}

    /**
     * Reads an ISO-8601 date-time with its offset, as {@code 2026-11-11T00:00:00+08:00}.
     *
     * @throws InvalidInputException naming {@code field} for a missing or malformed one
     */
    public static Instant moment(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "is required: an ISO-8601 date-time such as 2026-11-01T00:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field, "\"" + text + "\" is not an ISO-8601 date-time such as 2026-11-01T00:00:00Z");
        }
    }

    /**
     * The rules in force at {@code at} of the segment and of the segments it reads, each after
     * those it reads; empty for a segment archived by then.
     */
    private Uni<RulesAt> rulesAt(String segmentId, Instant at, String field) {
        if (at.isAfter(Instant.now())) {
            return Uni.createFrom()
                    .failure(new InvalidInputException(
                            field,
                            "must not be in the future, got " + DateTimeFormatter.ISO_INSTANT.format(at)
                                    + "; GET /v1/segments/{id}/members lists the current members"));
        }
        return Panache.withSession(() -> Segment.<Segment>findById(segmentId).chain(segment -> {
            if (segment == null) {
                return Uni.createFrom().failure(new UnknownSegmentException(segmentId));
            }
            if (segment.createdAt.isAfter(at)) {
                return Uni.createFrom()
                        .failure(new InvalidInputException(
                                field,
                                "segment \"" + segment.name + "\" was created at "
                                        + DateTimeFormatter.ISO_INSTANT.format(segment.createdAt)
                                        + ", after " + DateTimeFormatter.ISO_INSTANT.format(at)));
            }
            // Archiving is the last change a segment takes: its updatedAt is when it was archived.
            if (segment.isArchived() && !segment.updatedAt.isAfter(at)) {
                return Uni.createFrom().item(RulesAt.NONE);
            }
            return Segment.<Segment>listAll()
                    .chain(segments -> SegmentVersion.<SegmentVersion>list(
                                    "createdAt <= ?1 order by segmentId, version", at)
                            .map(versions -> RulesAt.of(segmentId, segments, versions, at)));
        }));
    }

    /**
     * The compiled rules a decision at a past moment walks, the target last.
     *
     * @param ordered the target and every segment it reads, directly or not, each after those it reads
     */
    private record RulesAt(List<CompiledSegment> ordered, Map<String, Integer> versions) {

        static final RulesAt NONE = new RulesAt(List.of(), Map.of());

        static RulesAt of(String targetId, List<Segment> segments, List<SegmentVersion> versions, Instant at) {
            Map<String, Integer> inForce = new HashMap<>();
            Map<String, Rule> rules = new HashMap<>();
            versions.forEach(version -> {
                inForce.put(version.segmentId, version.version);
                rules.put(version.segmentId, Rule.compile(version.rule));
            });
            Map<String, String> names = new HashMap<>();
            List<CompiledSegment> named = new ArrayList<>();
            for (Segment segment : segments) {
                names.put(segment.id, segment.name);
                // Created before versions were kept and never edited since: its rule is its first.
                if (!inForce.containsKey(segment.id) && !segment.createdAt.isAfter(at) && segment.version() == 1) {
                    inForce.put(segment.id, 1);
                    rules.put(segment.id, Rule.compile(segment.rule));
                }
            }
            rules.forEach((id, rule) -> named.add(new CompiledSegment(id, names.get(id), rule, Map.of())));
            Map<String, CompiledSegment> compiled = new HashMap<>();
            Map<String, Integer> numbers = new HashMap<>();
            Deque<String> next = new ArrayDeque<>(List.of(targetId));
            while (!next.isEmpty()) {
                String id = next.pop();
                if (compiled.containsKey(id) || !rules.containsKey(id)) {
                    continue;
                }
                Map<String, String> references = references(rules.get(id), named);
                compiled.put(id, new CompiledSegment(id, names.get(id), rules.get(id), references));
                numbers.put(id, inForce.get(id));
                next.addAll(references.values());
            }
            return new RulesAt(SegmentCatalog.ordered(compiled.values()), numbers);
        }

        /**
         * The segments a past rule named, among those that existed then; a name no segment had
         * any more reads as no membership, as it would have then.
         */
        private static Map<String, String> references(Rule rule, List<CompiledSegment> named) {
            try {
                return SegmentCatalog.references(rule, named);
            } catch (InvalidSegmentException e) {
                return Map.of();
            }
        }

        boolean isEmpty() {
            return ordered.isEmpty();
        }

        int version(String id) {
            return versions.get(id);
        }

        /** Whether the profile was in the target segment at {@code at}: each segment it reads decided first. */
        boolean decide(TagSnapshot profile, Instant at) {
            Map<String, Object> values = RuleValues.of(profile.tags());
            Set<String> in = new HashSet<>();
            boolean member = false;
            for (CompiledSegment segment : ordered) {
                member = segment.rule().matches(values, segment.context(at, in));
                if (member) {
                    in.add(segment.id());
                }
            }
            return member;
        }
    }
}
