package dev.cdp.segment.insight;

import dev.cdp.segment.engine.ProfileIndex.Share;
import dev.cdp.segment.engine.SegmentEngine.Distribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who is in a segment, against a population (every profile, or another segment): for each tag
 * value the share of members and of the population holding it, and the TGI (target group index:
 * member share / population share × 100; above 100 the segment over-indexes on the value).
 *
 * @param against the segment the population is, or null for every profile
 * @param overIndexed the values of highest TGI above 100, among values held by at least 1% of the population
 * @param underIndexed the values of lowest TGI below 100, likewise
 */
public record PersonaInsight(
        String segmentId,
        long members,
        String against,
        long population,
        List<TagInsight> tags,
        List<ValueInsight> overIndexed,
        List<ValueInsight> underIndexed) {

    /** One tag's values; {@code unset}: the members and population without a value. */
    public record TagInsight(String tag, List<ValueInsight> values, ValueInsight unset) {}

    /** @param tgi null when the segment has no members */
    public record ValueInsight(
            String tag,
            String value,
            long members,
            double memberShare,
            long population,
            double populationShare,
            Double tgi) {}

    static PersonaInsight of(String segmentId, String against, Distribution distribution, int top) {
        long members = distribution.members();
        long population = distribution.population();
        List<TagInsight> tags = new ArrayList<>();
        List<ValueInsight> all = new ArrayList<>();
        distribution.tags().forEach((tag, shares) -> {
            List<ValueInsight> values = new ArrayList<>();
            long membersHolding = 0;
            long populationHolding = 0;
            for (Share share : shares) {
                values.add(value(tag, share.value(), share.members(), members, share.population(), population));
                membersHolding += share.members();
                populationHolding += share.population();
            }
            values.sort(Comparator.comparingLong(ValueInsight::population).reversed());
            all.addAll(values);
            // A weighted map's keys overlap (one profile holds several): its unset is not the rest.
            boolean oneValueEach = !distribution.maps().contains(tag);
            tags.add(new TagInsight(
                    tag,
                    values,
                    oneValueEach
                            ? value(
                                    tag,
                                    null,
                                    members - membersHolding,
                                    members,
                                    population - populationHolding,
                                    population)
                            : null));
        });
        long support = Math.max(1, population / 100);
        List<ValueInsight> indexed = all.stream()
                .filter(value -> value.tgi() != null && value.population() >= support)
                .toList();
        return new PersonaInsight(
                segmentId,
                members,
                against,
                population,
                tags,
                indexed.stream()
                        .filter(value -> value.tgi() > 100)
                        .sorted(Comparator.comparingDouble(ValueInsight::tgi).reversed())
                        .limit(top)
                        .toList(),
                indexed.stream()
                        .filter(value -> value.tgi() < 100)
                        .sorted(Comparator.comparingDouble(ValueInsight::tgi))
                        .limit(top)
                        .toList());
    }

    static ValueInsight value(
            String tag, String value, long members, long memberTotal, long population, long populationTotal) {
        double memberShare = memberTotal == 0 ? 0 : (double) members / memberTotal;
        double populationShare = populationTotal == 0 ? 0 : (double) population / populationTotal;
        Double tgi = memberTotal == 0 || populationShare == 0 ? null : round(memberShare / populationShare * 100);
        return new ValueInsight(tag, value, members, round(memberShare), population, round(populationShare), tgi);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
