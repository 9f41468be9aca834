package dev.cdp.identity;

import dev.cdp.platform.db.Background;
import dev.cdp.platform.store.NotReadyException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * An immutable value loaded from PostgreSQL and read on the hot path without I/O: loaded once at
 * start, replaced after each change made through this instance ({@link #reload()}), and re-read
 * every interval so changes made through other instances arrive too.
 */
public final class ReloadingSnapshot<T> {

    private static final Logger LOG = Logger.getLogger(ReloadingSnapshot.class);

    private final String what;
    private final Supplier<Uni<T>> loader;
    private volatile T current;
    private volatile boolean failing;
    private final AtomicLong started = new AtomicLong();
    /** The generation of the reload whose value {@code current} holds. */
    private long installed;

    private long timer = -1;

    /** @param loader reads the value; runs in a Hibernate Reactive session */
    public ReloadingSnapshot(String what, Supplier<Uni<T>> loader) {
        this.what = what;
        this.loader = loader;
    }

    public T current() {
        T value = current;
        if (value == null) {
            throw new NotReadyException("identity-service is starting: " + what + " not loaded yet");
        }
        return value;
    }

    /**
     * Reads the value again. Of reloads that overlap, the one started last wins: a periodic
     * refresh that read before a change committed, and finishes after the change's own reload,
     * would otherwise put the old value back (a source's rate limit lifted, then applied again).
     */
    public Uni<T> reload() {
        long generation = started.incrementAndGet();
        return Panache.withSession(loader).invoke(value -> install(generation, value));
    }

    private synchronized void install(long generation, T value) {
        if (generation > installed) {
            installed = generation;
            current = value;
        }
    }

    /** Re-reads every {@code interval} on a fresh Vert.x context (Hibernate Reactive needs one). */
    public void refreshEvery(Vertx vertx, Duration interval) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            // Said once per failing streak: during a database outage every interval fails the same way.
            Background.run(
                    vertx,
                    this::reload,
                    value -> {
                        if (failing) {
                            failing = false;
                            LOG.infof("%s refreshed again", what);
                        }
                    },
                    failure -> {
                        if (!failing) {
                            failing = true;
                            LOG.warnf(
                                    "%s not refreshed; keeping the previous one until a refresh succeeds: %s",
                                    what, failure.toString());
                        }
                    });
        });
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
