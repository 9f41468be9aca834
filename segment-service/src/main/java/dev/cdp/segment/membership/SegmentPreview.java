package dev.cdp.segment.membership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.platform.error.ApiException;
import dev.cdp.rules.Rule;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.TagSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A draft condition decided over every stored profile without defining a segment: how many it
 * would hold, of how many, and a few of them, for an analyst shaping an audience. Reads only.
 */
@ApplicationScoped
public class SegmentPreview {

    static final int SAMPLE = 10;
    private static final int PAGE = 1000;

    private final SegmentCatalog catalog;
    private final SegmentDefinitionService definitions;
    private final ProfileTable profiles;
    private final MembershipEvaluator evaluator;

    public SegmentPreview(
            SegmentCatalog catalog,
            SegmentDefinitionService definitions,
            ProfileTable profiles,
            MembershipEvaluator evaluator) {
        this.catalog = catalog;
        this.definitions = definitions;
        this.profiles = profiles;
        this.evaluator = evaluator;
    }

    /** @param sample the first matching OneIDs in OneID order, at most {@value #SAMPLE} */
    public record Preview(String rule, long count, long profiles, List<String> sample) {}

    /** @throws InvalidSegmentException (as the Uni's failure) for a bad condition, as creating it would */
    public Uni<Preview> preview(String ruleText, JsonNode definition) {
        Rule rule;
        try {
            rule = definitions.compile(ruleText, definition);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return catalog.current()
                .map(known -> SegmentCatalog.references(rule, known))
                .chain(references ->
                        scan(rule, references, "", new Preview(rule.text(), 0, 0, List.of()), Instant.now()));
    }

    private Uni<Preview> scan(Rule rule, Map<String, String> references, String after, Preview sofar, Instant now) {
        return profiles.page(after, PAGE).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(sofar);
            }
            Uni<Map<String, Set<String>>> memberships = references.isEmpty()
                    ? Uni.createFrom().item(Map.of())
                    : evaluator.memberships(
                            page.stream().map(TagSnapshot::oneId).toList());
            return memberships.chain(in -> {
                long count = sofar.count();
                List<String> sample = new ArrayList<>(sofar.sample());
                for (TagSnapshot profile : page) {
                    Set<String> of = in.getOrDefault(profile.oneId(), Set.of());
                    if (rule.matches(RuleValues.of(profile.tags()), CompiledSegment.context(now, references, of))) {
                        count++;
                        if (sample.size() < SAMPLE) {
                            sample.add(profile.oneId());
                        }
                    }
                }
                Preview next = new Preview(rule.text(), count, sofar.profiles() + page.size(), List.copyOf(sample));
                return scan(rule, references, page.get(page.size() - 1).oneId(), next, now);
            });
        });
    }
}
