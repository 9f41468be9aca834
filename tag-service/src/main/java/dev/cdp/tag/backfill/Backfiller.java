package dev.cdp.tag.backfill;

import dev.cdp.platform.db.Background;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.compute.Engines;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.compute.messaging.TagsChangedPublisher;
import dev.cdp.tag.eventlog.EventLog;
import dev.cdp.tag.window.WindowedRule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Computes a new or changed rule tag for existing profiles from the event log while real-time
 * updates go on. Each profile is cut at the last event its state has applied and written only if
 * its state did not change meanwhile, so no event is counted twice or missed. Starts once every
 * instance has had time to load the new definition (one catalogue refresh), so events applied
 * after the cut always see it.
 */
@ApplicationScoped
public class Backfiller {

    private static final Logger LOG = Logger.getLogger(Backfiller.class);
    private static final int PAGE = 200;

    private final EventLog log;
    private final Engines engines;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final TagsConfig config;
    private final Vertx vertx;

    public Backfiller(
            EventLog log,
            Engines engines,
            TagUpdater updater,
            TagsChangedPublisher publisher,
            TagsConfig config,
            Vertx vertx) {
        this.log = log;
        this.engines = engines;
        this.updater = updater;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
    }

    /** Jobs a stopped instance left unfinished go on where they were. */
    void onStart(@Observes StartupEvent event) throws Throwable {
        List<BackfillJob> unfinished =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> BackfillJob.<BackfillJob>list(
                        "state in ?1", List.of(BackfillJob.State.PENDING, BackfillJob.State.RUNNING))));
        unfinished.forEach(job -> launch(job.id));
    }

    /** Records a job for this version of a rule tag and starts it after one catalogue refresh. */
    public Uni<BackfillJob> start(TagDefinition tag) {
        BackfillJob job = new BackfillJob();
        job.code = tag.code();
        job.version = tag.version();
        job.state = BackfillJob.State.PENDING;
        job.cursor = "";
        job.createdAt = Instant.now();
        return Panache.withTransaction(job::persist).replaceWith(job).invoke(() -> launch(job.id));
    }

    @WithSession
    public Uni<BackfillJob> latest(String code) {
        return BackfillJob.<BackfillJob>find("code = ?1 order by id desc", code).firstResult();
    }

    /** On a safe Vert.x context of its own, as Hibernate Reactive needs, after one catalogue refresh. */
    private void launch(long jobId) {
        vertx.setTimer(Math.max(1, config.catalogueRefresh().toMillis()), timer -> {
            Background.run(
                    vertx,
                    () -> run(jobId),
                    done -> LOG.infof("backfill %d finished", jobId),
                    failure -> LOG.errorf(failure, "backfill %d failed", jobId));
        });
    }

    private Uni<Void> run(long jobId) {
        return engines.reload()
                .chain(() -> update(jobId, job -> {
                            job.state = BackfillJob.State.RUNNING;
                        })
                        .chain(job -> log.profileCount().chain(total -> update(jobId, j -> j.profilesTotal = total))))
                .chain(job -> page(job))
                .onFailure()
                .call(failure -> update(jobId, job -> {
                    job.state = BackfillJob.State.FAILED;
                    job.error = String.valueOf(failure.getMessage());
                    job.finishedAt = Instant.now();
                }))
                .replaceWithVoid();
    }

    private Uni<BackfillJob> page(BackfillJob job) {
        WindowedRule rule = engines.current().rule(job.code);
        if (rule == null || rule.definition().version() != job.version) {
            // A newer version (or retirement) superseded this one; its own job does the work.
            return update(job.id, j -> {
                j.state = BackfillJob.State.DONE;
                j.error = "superseded by a newer version";
                j.finishedAt = Instant.now();
            });
        }
        String cause = "backfill:" + job.code + ":v" + job.version;
        return log.profiles(job.cursor, PAGE).chain(oneIds -> {
            if (oneIds.isEmpty()) {
                return update(job.id, j -> {
                    j.state = BackfillJob.State.DONE;
                    j.finishedAt = Instant.now();
                });
            }
            return Multi.createFrom()
                    .iterable(oneIds)
                    .onItem()
                    .transformToUniAndConcatenate(
                            oneId -> updater.backfill(oneId, rule, maxSeq -> log.events(oneId, maxSeq), cause)
                                    .chain(changes -> changes == null || changes.isEmpty()
                                            ? Uni.createFrom().voidItem()
                                            : publisher.publish(changes)))
                    .collect()
                    .last()
                    .chain(() -> update(job.id, j -> {
                        j.cursor = oneIds.get(oneIds.size() - 1);
                        j.profilesDone += oneIds.size();
                    }))
                    .chain(this::page);
        });
    }

    private interface Edit {
        void apply(BackfillJob job);
    }

    private Uni<BackfillJob> update(long jobId, Edit edit) {
        return Panache.withTransaction(
                () -> BackfillJob.<BackfillJob>findById(jobId).invoke(edit::apply));
    }
}
