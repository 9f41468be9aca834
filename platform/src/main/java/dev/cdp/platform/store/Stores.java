package dev.cdp.platform.store;

import dev.cdp.platform.error.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells a store outage from a bad record. Work that fails while a store does not answer waits for
 * it and runs again, for as long as the outage lasts: a consumer holding that work stops taking
 * records (the connector pauses its partitions) and nothing valid is dead-lettered for a fault
 * that was not its own. Work that fails while every store answers is retried a few times and then
 * given up on, for its caller to dead-letter. Work that came before the service finished
 * starting ({@link NotReadyException}) waits the same way. Readiness follows the stores through
 * Quarkus' own datasource and Redis checks.
 */
@ApplicationScoped
public class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final List<StoreProbe> probes;
    private final int retries;
    private final Duration outagePause;
    /** Since when each unreachable store has been seen down. */
    private final Map<String, Instant> down = new ConcurrentHashMap<>();

    @Inject
    Stores(
            Instance<StoreProbe> probes,
            MeterRegistry metrics,
            @ConfigProperty(name = "cdp.stores.retries", defaultValue = "5") int retries,
            @ConfigProperty(name = "cdp.stores.outage-pause", defaultValue = "1s") Duration outagePause) {
        this(probes.stream().toList(), metrics, retries, outagePause);
    }

    Stores(List<StoreProbe> probes, MeterRegistry metrics, int retries, Duration outagePause) {
        this.probes = probes;
        this.retries = retries;
        this.outagePause = outagePause;
        for (StoreProbe probe : this.probes) {
            Gauge.builder("cdp.stores.unreachable", down, d -> d.containsKey(probe.name()) ? 1 : 0)
                    .description("1 while the store does not answer")
                    .tag("store", probe.name())
                    .register(metrics);
        }
    }

    /**
     * Runs {@code work} until it succeeds: again after each failure while a store is down, and up
     * to {@code cdp.stores.retries} more times, backing off, when it failed with every store up.
     * A failure that is the input's ({@link ApiException#isInputsFault}) is not retried.
     */
    public <T> Uni<T> untilApplied(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            // Each attempt runs on the caller's Vert.x context: Hibernate Reactive needs it.
            Context caller = Vertx.currentContext();
            AtomicInteger failuresWhileUp = new AtomicInteger();
            AtomicBoolean waited = new AtomicBoolean();
            return Uni.createFrom()
                    .deferred(work::get)
                    .onFailure(failure -> !ApiException.isInputsFault(failure))
                    .retry()
                    .when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                        if (failure instanceof NotReadyException) {
                            return pause(caller, outagePause);
                        }
                        return unreachable().chain(stores -> {
                            if (!stores.isEmpty()) {
                                waited.set(true);
                                return pause(caller, outagePause);
                            }
                            int failed = failuresWhileUp.incrementAndGet();
                            if (failed > retries) {
                                return Uni.createFrom().failure(failure);
                            }
                            return pause(caller, Duration.ofMillis(Math.min(2000, 100L << failed)));
                        });
                    }))
                    // Done after an outage: probe once more, so the log and the gauge see the stores back.
                    .call(done -> waited.get()
                            ? unreachable().chain(() -> pause(caller, Duration.ZERO))
                            : Uni.createFrom().voidItem());
        });
    }

    /**
     * A request a caller waits on: when it fails while a store is down, it fails with {@link StoreUnavailableException}
     * (503 / UNAVAILABLE) instead of the client's error.
     */
    public <T> Uni<T> unavailableWhenDown(Uni<T> request) {
        return request.onFailure(failure -> !ApiException.isInputsFault(failure))
                .recoverWithUni(failure -> {
                    if (failure instanceof NotReadyException starting) {
                        return Uni.createFrom().failure(new StoreUnavailableException(starting));
                    }
                    return unreachable()
                            .chain(stores -> Uni.createFrom()
                                    .failure(
                                            stores.isEmpty()
                                                    ? failure
                                                    : new StoreUnavailableException(stores, failure)));
                });
    }

    /** The stores that do not answer now; logs when one goes down and when it is back. */
    public Uni<List<String>> unreachable() {
        return Multi.createFrom()
                .iterable(probes)
                .onItem()
                .transformToUniAndMerge(probe -> probe.ping()
                        .ifNoItem()
                        .after(PROBE_TIMEOUT)
                        .fail()
                        .map(answered -> reachable(probe.name()))
                        .onFailure()
                        .recoverWithItem(failure -> unreachable(probe.name(), failure)))
                .filter(name -> name != null)
                .collect()
                .asList();
    }

    private String reachable(String store) {
        Instant since = down.remove(store);
        if (since != null) {
            LOG.infof(
                    "%s answers again after %d ms down",
                    store, Duration.between(since, Instant.now()).toMillis());
        }
        return null;
    }

    private String unreachable(String store, Throwable failure) {
        if (down.putIfAbsent(store, Instant.now()) == null) {
            LOG.warnf(
                    "%s does not answer (%s): work that needs it waits and retries, reads answer 503, readiness is down",
                    store, failure.toString());
        }
        return store;
    }

    /**
     * An item after {@code pause}, on the caller's context when it had one: what makes
     * retry().when() try again (a null item would not).
     */
    private static Uni<Boolean> pause(Context caller, Duration pause) {
        if (caller == null) {
            Uni<Boolean> next = Uni.createFrom().item(Boolean.TRUE);
            return pause.isZero() ? next : next.onItem().delayIt().by(pause);
        }
        return Uni.createFrom()
                .emitter(emitter -> caller.owner()
                        .setTimer(
                                Math.max(1, pause.toMillis()),
                                timer -> caller.runOnContext(ignored -> emitter.complete(Boolean.TRUE))));
    }
}
