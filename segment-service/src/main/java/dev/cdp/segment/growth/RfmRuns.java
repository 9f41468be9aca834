package dev.cdp.segment.growth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.models.rfm.Rfm;
import dev.cdp.models.rfm.RfmScore;
import dev.cdp.models.rfm.RfmValues;
import dev.cdp.models.rfm.Scoring;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFM over every customer: recency from {@code last_order_at}, frequency from
 * {@code order_count_total}, monetary from {@code total_spend}, as segment-service's copy of the
 * tags has them; scored with {@code dev.cdp.models.rfm} and written back as the model tags
 * {@code rfm_segment} (the named group), {@code rfm_code} ("545") and {@code rfm_class} (the
 * eight-class matrix). The run's metrics hold the R×F grid: customers and spend per cell.
 */
@ApplicationScoped
public class RfmRuns {

    public static final String MODEL = "rfm";

    private final ModelRuns runs;
    private final Populations populations;
    private final EveryProfile everyProfile;
    private final ModelTags tags;
    private final ObjectMapper json;
    private final Duration every;

    public RfmRuns(
            ModelRuns runs,
            Populations populations,
            EveryProfile everyProfile,
            ModelTags tags,
            ObjectMapper json,
            GrowthConfig config) {
        this.runs = runs;
        this.populations = populations;
        this.everyProfile = everyProfile;
        this.tags = tags;
        this.json = json;
        this.every = config.rfmEvery();
    }

    void onStart(@Observes StartupEvent started) {
        runs.every(MODEL, every, () -> start("quintiles"));
    }

    /** Starts a run over every customer. */
    public Uni<ModelRunView> start(String scoring) {
        return start(scoring, null);
    }

    /**
     * Starts a run.
     *
     * @param scoring {@code quintiles} or {@code mean}
     * @param segmentId the segment whose members are scored against each other; null for every customer
     * @throws InvalidInputException for another scoring
     * @throws dev.cdp.segment.definition.UnknownSegmentException (as the Uni's failure) for an unknown segment
     * @throws RunInProgressException (as the Uni's failure) while a run is in progress
     */
    public Uni<ModelRunView> start(String scoring, String segmentId) {
        Scoring chosen = switch (scoring) {
            case "quintiles" -> new Scoring.Quintiles();
            case "mean" -> new Scoring.MeanSplit();
            default -> throw new InvalidInputException("scoring", "must be quintiles or mean, got \"" + scoring + "\"");
        };
        Instant at = Instant.now();
        ObjectNode parameters = json.createObjectNode().put("scoring", scoring).put("at", at.toString());
        if (segmentId != null) {
            parameters.put("segment", segmentId);
        }
        return populations
                .require(segmentId)
                .chain(() -> runs.start(
                        MODEL,
                        parameters,
                        id -> populations.members(segmentId).chain(population -> run(chosen, at, population))));
    }

    /**
     * The R×F grid of a finished run: customers and spend per cell.
     *
     * @param cells as the run's metrics hold them, R from 5 down, F from 1 up
     */
    public record Grid(String runId, Instant finishedAt, JsonNode cells) {}

    /** The grid of the newest finished run. */
    public Uni<Grid> grid() {
        return runs.latestDone(MODEL).map(run -> {
            if (run == null) {
                throw new UnknownRunException("no RFM run has finished yet; POST /v1/models/rfm/runs starts one");
            }
            return new Grid(run.id(), run.finishedAt(), run.metrics().path("grid"));
        });
    }

    /** @param population the profiles to score; null for every one */
    private Uni<ModelRuns.Outcome> run(Scoring scoring, Instant at, Set<String> population) {
        return customers(at, population).chain(customers -> {
            if (customers.isEmpty()) {
                return Uni.createFrom()
                        .failure(new InvalidInputException(
                                "profiles",
                                "no profile has an order yet (order_count_total, last_order_at, total_spend)"));
            }
            List<RfmScore> scores = Rfm.score(customers, scoring);
            List<ModelTags.Written> written = new ArrayList<>(scores.size());
            scores.forEach(score -> written.add(new ModelTags.Written(
                    score.customerId(),
                    Map.of(
                            "rfm_segment", text(score.group()),
                            "rfm_code", text(score.code()),
                            "rfm_class", text(score.matrixClass())))));
            ObjectNode metrics = json.createObjectNode().put("customers", customers.size());
            metrics.set("grid", grid(customers, scores));
            return tags.write(written).map(count -> new ModelRuns.Outcome(metrics, count));
        });
    }

    /** Every profile of the population with an order, as RFM values at {@code at}. */
    private Uni<List<RfmValues>> customers(Instant at, Set<String> population) {
        List<RfmValues> customers = new ArrayList<>();
        return everyProfile.stream()
                .invoke(profile -> {
                    if (population != null && !population.contains(profile.oneId())) {
                        return;
                    }
                    RfmValues values = values(profile, at);
                    if (values != null) {
                        customers.add(values);
                    }
                })
                .collect()
                .last()
                .replaceWith(customers);
    }

    private static RfmValues values(TagSnapshot profile, Instant at) {
        Map<String, Object> values = RuleValues.of(profile.tags());
        if (!(values.get("last_order_at") instanceof Instant last)
                || !(values.get("order_count_total") instanceof Double orders)
                || orders < 1) {
            return null;
        }
        double spend = values.get("total_spend") instanceof Double total ? total : 0;
        return new RfmValues(
                profile.oneId(), Math.max(0, Duration.between(last, at).toDays()), orders, spend);
    }

    /** Customers and spend in each cell of R (rows, 5 to 1) by F (columns, 1 to 5). */
    private ArrayNode grid(List<RfmValues> customers, List<RfmScore> scores) {
        long[][] count = new long[6][6];
        double[][] spend = new double[6][6];
        // Rfm.score answers in the customers' order.
        for (int i = 0; i < scores.size(); i++) {
            RfmScore score = scores.get(i);
            count[score.recency()][score.frequency()]++;
            spend[score.recency()][score.frequency()] += customers.get(i).monetary();
        }
        ArrayNode cells = json.createArrayNode();
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                cells.addObject()
                        .put("r", r)
                        .put("f", f)
                        .put("group", Rfm.group(r, f))
                        .put("customers", count[r][f])
                        .put("spend", Math.round(spend[r][f] * 100) / 100.0);
            }
        }
        return cells;
    }

    private static TagValue text(String value) {
        return TagValue.newBuilder().setText(value).build();
    }
}
