package dev.cdp.tag.expiry;

import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.compute.messaging.TagsChangedPublisher;
import dev.cdp.tag.store.TagStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Windows age out even for people who send nothing: profiles are indexed by when their oldest
 * windowed day leaves a window, and this pass recomputes those that are due and publishes what
 * changed, like an event would. Instances may run it at once; the version check keeps them apart.
 */
@ApplicationScoped
public class ExpiryPass {

    private static final Logger LOG = Logger.getLogger(ExpiryPass.class);

    private final TagStore store;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final TagsConfig config;
    private final Counter recomputed;

    public ExpiryPass(
            TagStore store,
            TagUpdater updater,
            TagsChangedPublisher publisher,
            TagsConfig config,
            MeterRegistry metrics) {
        this.store = store;
        this.updater = updater;
        this.publisher = publisher;
        this.config = config;
        this.recomputed = metrics.counter("cdp.tag.expiry.recomputed");
    }

    @Scheduled(every = "${cdp.tags.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(Instant.now()).replaceWithVoid();
    }

    /**
     * Recomputes, in rounds, every profile due by {@code now}.
     *
     * @return how many profiles were recomputed
     */
    public Uni<Integer> run(Instant now) {
        String cause = "expiry:" + now.toEpochMilli();
        return store.due(now, config.expiryBatch()).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom()
                    .iterable(due)
                    .onItem()
                    .transformToUniAndConcatenate(oneId -> updater.recompute(oneId, now, cause)
                            .chain(changes -> changes == null || changes.isEmpty()
                                    ? Uni.createFrom().voidItem()
                                    : publisher.publish(changes))
                            // One profile that fails must not hold back the rest; it stays due and comes again.
                            .replaceWith(true)
                            .onFailure()
                            .invoke(failure -> LOG.warnf(failure, "expiry of %s failed", oneId))
                            .onFailure()
                            .recoverWithItem(false))
                    .collect()
                    .asList()
                    .invoke(done -> recomputed.increment(done.size()))
                    .chain(done -> done.size() < config.expiryBatch()
                            ? Uni.createFrom().item(done.size())
                            : run(now).map(more -> done.size() + more));
        });
    }
}
