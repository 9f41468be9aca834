package dev.cdp.identity.ingest;

import dev.cdp.identity.source.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a call's events are taken now: a sender over its source's budget is told to come back
 * (429), and while the instance already holds {@code cdp.ingest.max-in-flight} events not yet
 * resolved every sender is (503), instead of queuing without bound until memory runs out. Both
 * answers carry when to retry.
 */
@ApplicationScoped
public class IngestAdmission {

    /** Why a call was not taken: {@code status} 429 or 503, and when to retry. */
    public record Refusal(int status, Duration retryAfter, String reason) {}

    private final int maxInFlight;
    private final LongSupplier nanoTime;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    @Inject
    IngestAdmission(@ConfigProperty(name = "cdp.ingest.max-in-flight") int maxInFlight) {
        this(maxInFlight, System::nanoTime);
    }

    IngestAdmission(int maxInFlight, LongSupplier nanoTime) {
        this.maxInFlight = maxInFlight;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes {@code events} in, or says why not. A call taken must be {@link #release}d when its
     * events are resolved or failed.
     *
     * @return null when taken
     */
    public Refusal admit(Source source, int events) {
        if (source.rateLimit() != null) {
            double wait = budgets.computeIfAbsent(source.id(), id -> new Budget())
                    .take(source.rateLimit(), events, nanoTime.getAsLong());
            if (wait > 0) {
                Duration retryAfter = Duration.ofSeconds((long) Math.ceil(wait));
                return new Refusal(
                        429,
                        retryAfter,
                        "source \"" + source.name() + "\" is over its budget of " + source.rateLimit()
                                + " events per second; retry after " + retryAfter.toSeconds() + " s");
            }
        }
        int held = inFlight.addAndGet(events);
        // A call larger than the bound alone is still taken when nothing else is held.
        if (held > maxInFlight && held > events) {
            inFlight.addAndGet(-events);
            return new Refusal(
                    503,
                    Duration.ofSeconds(1),
                    "identity-service holds " + maxInFlight + " events not yet resolved; retry after 1 s");
        }
        return null;
    }

    public void release(int events) {
        inFlight.addAndGet(-events);
    }

    /**
     * A token bucket holding at most a second's worth. A call needs as many tokens as it has events,
     * but never more than a full bucket: a batch larger than a second's budget passes when the
     * sender was quiet and takes the bucket below zero, a debt the next call waits out.
     */
    private static final class Budget {

        private double tokens = Double.NaN;
        private long at;

        /** @return 0 when taken, else the seconds until the bucket holds what the call needs */
        synchronized double take(int perSecond, int events, long now) {
            tokens = Double.isNaN(tokens) ? perSecond : Math.min(perSecond, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            double need = Math.min(events, perSecond);
            if (tokens < need) {
                return (need - tokens) / perSecond;
            }
            tokens -= events;
            return 0;
        }
    }
}
