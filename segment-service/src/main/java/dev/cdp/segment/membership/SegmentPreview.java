package dev.cdp.segment.membership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.platform.error.ApiException;
import dev.cdp.rules.Behaviour;
import dev.cdp.rules.Conditions;
import dev.cdp.rules.Rule;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.membership.repository.MembershipRepository;
import dev.cdp.segment.tagcatalogue.KnownTag;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A draft condition decided over every stored profile without defining a segment: how many it
 * would hold, of how many, and a few of them, for an analyst shaping an audience. Decided by the
 * {@link SegmentEngine}'s bitmaps, fast enough to answer as the draft is typed. Reads only.
 */
@ApplicationScoped
public class SegmentPreview {

    static final int SAMPLE = 10;
    private final SegmentCatalog catalog;
    private final SegmentDefinitionService definitions;
    private final MembershipRepository memberships;
    private final SegmentEngine engine;
    private final TagCatalogue tags;
    private final ChannelReach channels;

    public SegmentPreview(
            SegmentCatalog catalog,
            SegmentDefinitionService definitions,
            MembershipRepository memberships,
            SegmentEngine engine,
            TagCatalogue tags,
            ChannelReach channels) {
        this.tags = tags;
        this.channels = channels;
        this.catalog = catalog;
        this.definitions = definitions;
        this.memberships = memberships;
        this.engine = engine;
    }

    /**
     * @param sample the first matching OneIDs in OneID order, at most {@value #SAMPLE}
     * @param notYetComputed the DID conditions whose tags tag-service does not compute yet: until
     *     the segment is saved (and its tags backfilled) they count no events for anyone
     * @param reach the estimated reach per channel, when asked for
     */
    public record Preview(
            String rule,
            long count,
            long profiles,
            List<String> sample,
            List<String> notYetComputed,
            ChannelReach.Reach reach) {}

    /**
     * @throws InvalidSegmentException (as the Uni's failure) for a bad condition, as creating it would
     * @throws dev.cdp.platform.store.StoreUnavailableException (as the Uni's failure) while the
     *     profile index is built after a start
     */
    public Uni<Preview> preview(String ruleText, JsonNode definition) {
        return preview(ruleText, definition, false);
    }

    /**
     * As {@link #preview(String, JsonNode)}, with the estimated reach per channel when {@code reach}
     * (a call to identity-service: asked for on demand, not on every keystroke).
     *
     * @throws ReachUnavailableException (as the Uni's failure) when identity-service does not count the reach
     */
    public Uni<Preview> preview(String ruleText, JsonNode definition, boolean reach) {
        Rule rule;
        try {
            rule = definitions.compile(ruleText, definition);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return catalog.current()
                .map(known -> SegmentCatalog.references(rule, known))
                .chain(references -> (references.isEmpty()
                                ? Uni.createFrom().item(Map.<String, List<String>>of())
                                : Panache.withSession(() -> memberships.oneIdsBySegment(references.values())))
                        .map(members -> engine.preview(
                                rule.condition(),
                                Instant.now(),
                                reference -> members.getOrDefault(references.get(reference), List.of()),
                                reach ? ChannelReach.SAMPLE : SAMPLE)))
                .chain(decided -> (reach
                                ? channels.estimate(decided.sample(), decided.count())
                                : Uni.createFrom().<ChannelReach.Reach>nullItem())
                        .onFailure()
                        .transform(ReachUnavailableException::new)
                        .map(estimated -> new Preview(
                                rule.text(),
                                decided.count(),
                                decided.profiles(),
                                decided.sample()
                                        .subList(
                                                0,
                                                Math.min(
                                                        SAMPLE, decided.sample().size())),
                                notYetComputed(rule),
                                estimated)));
    }

    private List<String> notYetComputed(Rule rule) {
        List<String> pending = new ArrayList<>();
        Conditions.visit(rule.condition(), node -> {
            if (node instanceof Behaviour behaviour
                    && behaviour.tags().stream()
                            .anyMatch(tag ->
                                    tags.find(tag.code()).map(KnownTag::retired).orElse(true))) {
                pending.add(behaviour.text());
            }
        });
        return pending;
    }
}
