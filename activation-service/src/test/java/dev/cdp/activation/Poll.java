package dev.cdp.activation;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome, failing with what was last seen when it does not come in time. */
public final class Poll {

    private static final long INTERVAL_MILLIS = 100;

    private Poll() {}

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T seen = probe.get();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + what + " within " + timeout + "; last seen: " + seen);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
