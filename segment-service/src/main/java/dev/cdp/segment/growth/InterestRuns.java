package dev.cdp.segment.growth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.models.interest.Interests;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.Weights;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interest preferences ({@code dev.cdp.models.interest}) from the views, cart adds and orders in
 * tag-service's event log: each profile's top interests by lift, written as the weighted-map tag
 * {@code interests_top} (interest → lift); and the co-occurrence graph of a segment's interests.
 */
@ApplicationScoped
public class InterestRuns {

    public static final String MODEL = "interests";
    private static final int EDGES = 50;

    private final ModelRuns runs;
    private final Populations populations;
    private final EventHistory events;
    private final ModelTags tags;
    private final ObjectMapper json;
    private final GrowthConfig config;
    private final Map<String, Double> weights = new LinkedHashMap<>();

    /** @throws IllegalStateException for an interest event that is not "name:weight" */
    public InterestRuns(
            ModelRuns runs,
            Populations populations,
            EventHistory events,
            ModelTags tags,
            ObjectMapper json,
            GrowthConfig config) {
        this.runs = runs;
        this.populations = populations;
        this.events = events;
        this.tags = tags;
        this.json = json;
        this.config = config;
        for (String event : config.interestEvents()) {
            int colon = event.lastIndexOf(':');
            try {
                weights.put(event.substring(0, colon).strip(), Double.parseDouble(event.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "cdp.models.interest-events: \"" + event + "\" is not name:weight, as in Product Viewed:1", e);
            }
        }
    }

    void onStart(@Observes StartupEvent started) {
        runs.every(MODEL, config.interestEvery(), this::start);
    }

    /** @throws RunInProgressException (as the Uni's failure) while a run is in progress */
    public Uni<ModelRunView> start() {
        Instant at = Instant.now();
        ObjectNode parameters = json.createObjectNode()
                .put("at", at.toString())
                .put("property", config.interestProperty())
                .put("halfLife", config.interestHalfLife().toString())
                .put("top", config.interestTop());
        ObjectNode weighted = parameters.putObject("weights");
        weights.forEach(weighted::put);
        return runs.start(MODEL, parameters, id -> run(at));
    }

    private Uni<ModelRuns.Outcome> run(Instant at) {
        return interests(at).chain(interests -> {
            List<ModelTags.Written> written = new ArrayList<>();
            for (String oneId : interests.customers()) {
                List<Interests.Affinity> top =
                        interests.top(oneId, config.interestTop(), config.interestMinimumScore());
                if (top.isEmpty()) {
                    written.add(new ModelTags.Written(oneId, Map.of(), List.of("interests_top")));
                    continue;
                }
                Weights.Builder lifts = Weights.newBuilder();
                top.forEach(affinity ->
                        lifts.putEntries(affinity.interest(), Math.round(affinity.lift() * 10_000) / 10_000.0));
                written.add(new ModelTags.Written(
                        oneId,
                        Map.of(
                                "interests_top",
                                TagValue.newBuilder().setWeights(lifts).build())));
            }
            ObjectNode metrics = json.createObjectNode()
                    .put("customers", interests.customers().size());
            return tags.write(written).map(count -> new ModelRuns.Outcome(metrics, count));
        });
    }

    /**
     * The co-occurrence graph of the segment's members' interests now: the {@value #EDGES} pairs of
     * interests most members hold together, with the Jaccard index of their holders.
     *
     * @throws dev.cdp.segment.definition.UnknownSegmentException (as the Uni's failure) for an unknown segment
     */
    public Uni<ObjectNode> cooccurrence(String segmentId) {
        Instant at = Instant.now();
        return populations
                .require(segmentId)
                .chain(() -> populations.members(segmentId))
                .chain(members -> interests(at).map(interests -> {
                    ObjectNode answer =
                            json.createObjectNode().put("segmentId", segmentId).put("at", at.toString());
                    ArrayNode edges = answer.putArray("edges");
                    interests.cooccurrence(List.copyOf(members), config.interestMinimumScore()).stream()
                            .limit(EDGES)
                            .forEach(edge -> edges.addObject()
                                    .put("one", edge.one())
                                    .put("other", edge.other())
                                    .put("both", edge.both())
                                    .put("jaccard", Math.round(edge.jaccard() * 10_000) / 10_000.0));
                    return answer;
                }));
    }

    private Uni<Interests> interests(Instant at) {
        return events.interactions(weights, config.interestProperty(), at)
                .map(interactions -> Interests.of(interactions, at, config.interestHalfLife()));
    }
}
