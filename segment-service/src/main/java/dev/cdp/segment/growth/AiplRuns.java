package dev.cdp.segment.growth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.asof.TagScanClient;
import dev.cdp.segment.growth.AiplStages.Stage;
import dev.cdp.segment.profile.RuleValues;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every profile's AIPL stage ({@link AiplStages}) written back as the model tag {@code aipl_stage}
 * (cleared for a profile at no stage), with the funnel's counts in the run's metrics; and the
 * movement between stages from one date to another, from tag-service's history.
 */
@ApplicationScoped
public class AiplRuns {

    public static final String MODEL = "aipl";
    static final String NONE = "none";

    private final ModelRuns runs;
    private final Populations populations;
    private final AiplStages stages;
    private final EveryProfile everyProfile;
    private final TagScanClient history;
    private final ModelTags tags;
    private final ObjectMapper json;
    private final GrowthConfig config;

    public AiplRuns(
            ModelRuns runs,
            Populations populations,
            AiplStages stages,
            EveryProfile everyProfile,
            TagScanClient history,
            ModelTags tags,
            ObjectMapper json,
            GrowthConfig config) {
        this.runs = runs;
        this.populations = populations;
        this.stages = stages;
        this.everyProfile = everyProfile;
        this.history = history;
        this.tags = tags;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        runs.every(MODEL, config.aiplEvery(), () -> start(null));
    }

    /**
     * @param segmentId the segment whose members' funnel is wanted; null for every profile
     * @throws dev.cdp.segment.definition.UnknownSegmentException (as the Uni's failure) for an unknown segment
     * @throws RunInProgressException (as the Uni's failure) while a run is in progress
     */
    public Uni<ModelRunView> start(String segmentId) {
        Instant at = Instant.now();
        ObjectNode parameters = json.createObjectNode().put("at", at.toString());
        if (segmentId != null) {
            parameters.put("segment", segmentId);
        }
        ObjectNode conditions = parameters.putObject("stages");
        stages.conditions().forEach((stage, condition) -> conditions.put(stage.code(), condition));
        return populations
                .require(segmentId)
                .chain(() -> runs.start(
                        MODEL,
                        parameters,
                        id -> populations.members(segmentId).chain(population -> run(at, population))));
    }

    private Uni<ModelRuns.Outcome> run(Instant at, java.util.Set<String> population) {
        Map<String, Long> funnel = new HashMap<>();
        List<ModelTags.Written> written = new ArrayList<>();
        return everyProfile.stream()
                .filter(profile -> population == null || population.contains(profile.oneId()))
                .invoke(profile -> {
                    Stage stage = stages.stage(RuleValues.of(profile.tags()), at);
                    funnel.merge(stage == null ? NONE : stage.code(), 1L, Long::sum);
                    if (stage != null) {
                        written.add(new ModelTags.Written(
                                profile.oneId(),
                                Map.of(
                                        "aipl_stage",
                                        TagValue.newBuilder()
                                                .setText(stage.code())
                                                .build())));
                    } else if (profile.tags().containsKey("aipl_stage")) {
                        written.add(new ModelTags.Written(profile.oneId(), Map.of(), List.of("aipl_stage")));
                    }
                })
                .collect()
                .last()
                .chain(() -> tags.write(written))
                .map(count -> new ModelRuns.Outcome(metrics(funnel), count));
    }

    /** Each stage's count, and the share of those reaching a stage who reach the next. */
    private ObjectNode metrics(Map<String, Long> funnel) {
        ObjectNode metrics = json.createObjectNode();
        ObjectNode counts = metrics.putObject("funnel");
        counts.put(NONE, funnel.getOrDefault(NONE, 0L));
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        long beyond = 0;
        Stage[] order = Stage.values();
        for (int i = order.length - 1; i >= 0; i--) {
            beyond += funnel.getOrDefault(order[i].code(), 0L);
            reached.put(order[i], beyond);
        }
        ObjectNode conversion = metrics.putObject("conversion");
        for (int i = 0; i < order.length; i++) {
            counts.put(order[i].code(), funnel.getOrDefault(order[i].code(), 0L));
            if (i > 0 && reached.get(order[i - 1]) > 0) {
                conversion.put(
                        order[i - 1].code() + "→" + order[i].code(),
                        Math.round((double) reached.get(order[i]) / reached.get(order[i - 1]) * 10_000) / 10_000.0);
            }
        }
        return metrics;
    }

    /**
     * How many profiles moved from each stage at {@code from} to each stage at {@code to}, the
     * stages decided over the tags tag-service's history has at each moment, each moment being
     * "now" for its conditions; "none" for no stage (or no profile yet).
     *
     * @throws InvalidInputException (as the Uni's failure) when {@code to} is not after {@code from}
     *     or is in the future
     */
    public Uni<ObjectNode> transitions(Instant from, Instant to) {
        if (!to.isAfter(from) || to.isAfter(Instant.now())) {
            return Uni.createFrom()
                    .failure(new InvalidInputException(
                            "to", "must be after from and not in the future, got from " + from + ", to " + to));
        }
        Map<String, String> before = new HashMap<>();
        Map<String, Map<String, Long>> moves = new java.util.TreeMap<>();
        return history.asOf(from)
                .invoke(profile -> before.put(profile.oneId(), code(stages.stage(RuleValues.of(profile.tags()), from))))
                .collect()
                .last()
                .chain(() -> history.asOf(to)
                        .invoke(profile -> {
                            String was = before.remove(profile.oneId());
                            move(
                                    moves,
                                    was == null ? NONE : was,
                                    code(stages.stage(RuleValues.of(profile.tags()), to)));
                        })
                        .collect()
                        .last())
                .map(ignored -> {
                    before.values().forEach(was -> move(moves, was, NONE));
                    ObjectNode answer =
                            json.createObjectNode().put("from", from.toString()).put("to", to.toString());
                    ObjectNode matrix = answer.putObject("moves");
                    moves.forEach((was, into) -> {
                        ObjectNode row = matrix.putObject(was);
                        into.forEach(row::put);
                    });
                    return answer;
                });
    }

    private static void move(Map<String, Map<String, Long>> moves, String from, String to) {
        if (!(from.equals(NONE) && to.equals(NONE))) {
            moves.computeIfAbsent(from, key -> new java.util.TreeMap<>()).merge(to, 1L, Long::sum);
        }
    }

    private static String code(Stage stage) {
        return stage == null ? NONE : stage.code();
    }
}
