package dev.cdp.segment.growth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.db.Background;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The record of every model run: started (one at a time per model; one running longer than
 * {@code cdp.models.run-timeout} was abandoned), then done with its metrics and the profiles it
 * wrote, or failed with the reason. The work runs in the background; the
 * caller gets the run to follow.
 */
@ApplicationScoped
public class ModelRuns {

    private static final Logger LOG = Logger.getLogger(ModelRuns.class);

    /** What a finished run's work reports. */
    public record Outcome(JsonNode metrics, long written) {}

    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration runTimeout;

    public ModelRuns(ObjectMapper json, Vertx vertx, GrowthConfig config) {
        this.json = json;
        this.vertx = vertx;
        this.runTimeout = config.runTimeout();
    }

    /**
     * Records a run of {@code model} and starts {@code work} for it in the background.
     *
     * @throws RunInProgressException (as the Uni's failure) while another run of the model is in progress
     */
    public Uni<ModelRunView> start(String model, JsonNode parameters, Function<String, Uni<Outcome>> work) {
        return Panache.withTransaction(() -> ModelRun.<ModelRun>find(
                                "model = ?1 and status = ?2", model, ModelRun.Status.RUNNING.name())
                        .firstResult()
                        .chain(running -> {
                            if (running != null
                                    && running.startedAt.isAfter(Instant.now().minus(runTimeout))) {
                                return Uni.createFrom()
                                        .failure(new RunInProgressException(model, running.id, running.startedAt));
                            }
                            if (running != null) {
                                running.status = ModelRun.Status.FAILED.name();
                                running.finishedAt = Instant.now();
                                running.error = "abandoned: still running after " + runTimeout
                                        + " (the instance running it stopped)";
                            }
                            ModelRun run = new ModelRun();
                            run.id = UUID.randomUUID().toString();
                            run.model = model;
                            run.status = ModelRun.Status.RUNNING.name();
                            run.startedAt = Instant.now();
                            run.parameters = parameters.toString();
                            return run.<ModelRun>persist();
                        }))
                .invoke(run -> Background.run(
                        vertx,
                        () -> work.apply(run.id)
                                .onItemOrFailure()
                                .transformToUni((outcome, failure) -> finish(run.id, outcome, failure)),
                        done -> {},
                        failure -> LOG.errorf(failure, "%s run %s could not be recorded as finished", model, run.id)))
                .map(this::view);
    }

    /** Starts a run of {@code model} every {@code every} (none when zero); a refused start is logged, not fatal. */
    public void every(String model, Duration every, Supplier<Uni<ModelRunView>> start) {
        if (every.isZero()) {
            return;
        }
        vertx.setPeriodic(
                every.toMillis(),
                timer -> start.get()
                        .subscribe()
                        .with(
                                run -> LOG.infof("scheduled %s run %s started", model, run.id()),
                                failure -> LOG.warnf("scheduled %s run not started: %s", model, failure.getMessage())));
    }

    private Uni<Void> finish(String id, Outcome outcome, Throwable failure) {
        if (failure != null) {
            LOG.warnf("model run %s failed: %s", id, failure.getMessage());
        }
        return Panache.withTransaction(() -> ModelRun.<ModelRun>findById(id).invoke(run -> {
                    run.finishedAt = Instant.now();
                    if (failure == null) {
                        run.status = ModelRun.Status.DONE.name();
                        run.metrics = outcome.metrics().toString();
                        run.written = outcome.written();
                    } else {
                        run.status = ModelRun.Status.FAILED.name();
                        run.error = failure.getMessage() == null
                                ? failure.getClass().getSimpleName()
                                : failure.getMessage();
                    }
                }))
                .replaceWithVoid();
    }

    /** The model's runs, newest first. */
    public Uni<List<ModelRunView>> list(String model) {
        return Panache.withSession(() -> ModelRun.<ModelRun>list("model = ?1 order by startedAt desc", model))
                .map(runs -> runs.stream().map(this::view).toList());
    }

    /** @throws UnknownRunException (as the Uni's failure) for an unknown id */
    public Uni<ModelRunView> get(String id) {
        return Panache.withSession(() -> ModelRun.<ModelRun>findById(id)).map(run -> {
            if (run == null) {
                throw new UnknownRunException("no model run " + id);
            }
            return view(run);
        });
    }

    /** The model's newest finished run, or null when none finished yet. */
    public Uni<ModelRunView> latestDone(String model) {
        return Panache.withSession(() -> ModelRun.<ModelRun>find(
                                "model = ?1 and status = ?2 order by startedAt desc",
                                model,
                                ModelRun.Status.DONE.name())
                        .firstResult())
                .map(run -> run == null ? null : view(run));
    }

    private ModelRunView view(ModelRun run) {
        return new ModelRunView(
                run.id,
                run.model,
                ModelRun.Status.valueOf(run.status),
                run.startedAt,
                run.finishedAt,
                read(run.parameters),
                read(run.metrics),
                run.error,
                run.written);
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model run's stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
