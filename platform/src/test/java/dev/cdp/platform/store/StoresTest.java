package dev.cdp.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoresTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeStore redis = new FakeStore();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Stores stores = new Stores(List.of(redis), metrics, 2, Duration.ofMillis(20));

    @Test
    void workFailingWhileTheStoreIsDownRunsAgainUntilItIsBackHoweverLongThatTakes() {
        redis.up.set(false);
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> applied = stores.untilApplied(() -> {
            if (attempts.incrementAndGet() == 30) {
                redis.up.set(true);
            }
            return redis.up.get()
                    ? Uni.createFrom().item("applied")
                    : Uni.createFrom().failure(new IOException("connection refused"));
        });

        assertEquals("applied", applied.await().atMost(WAIT));
        assertEquals(30, attempts.get(), "failures while the store was down are not counted against the retries");
        assertEquals(
                0.0,
                metrics.get("cdp.stores.unreachable")
                        .tag("store", "redis")
                        .gauge()
                        .value(),
                "seen back after the outage");
    }

    @Test
    void workFailingWithEveryStoreUpIsGivenUpAfterItsRetries() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException bug = new IllegalStateException("a bug, not an outage");

        Uni<String> applied = stores.untilApplied(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(bug);
        });

        assertSame(
                bug,
                assertThrows(IllegalStateException.class, () -> applied.await().atMost(WAIT)));
        assertEquals(3, attempts.get(), "the first attempt and two retries");
    }

    @Test
    void workArrivingBeforeTheServiceIsReadyWaitsForItWithoutUsingUpItsRetries() {
        AtomicInteger attempts = new AtomicInteger();

        Uni<String> applied = stores.untilApplied(() -> attempts.incrementAndGet() < 10
                ? Uni.createFrom().failure(new NotReadyException("the tag catalogue is not loaded yet"))
                : Uni.createFrom().item("applied"));

        assertEquals("applied", applied.await().atMost(WAIT));
        assertEquals(10, attempts.get());
        StoreUnavailableException starting = assertThrows(
                StoreUnavailableException.class,
                () -> stores.unavailableWhenDown(
                                Uni.createFrom().failure(new NotReadyException("the tag catalogue is not loaded yet")))
                        .await()
                        .atMost(WAIT));
        assertEquals("the tag catalogue is not loaded yet; retry in a few seconds", starting.getMessage());
    }

    @Test
    void wrongInputIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        Uni<String> applied = stores.untilApplied(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalArgumentException("revenue is not a number"));
        });

        assertThrows(IllegalArgumentException.class, () -> applied.await().atMost(WAIT));
        assertEquals(1, attempts.get());
    }

    @Test
    void aRequestFailingWhileTheStoreIsDownSaysSoAndOneFailingOtherwiseKeepsItsError() {
        IOException refused = new IOException("connection refused");
        redis.up.set(false);
        StoreUnavailableException unavailable = assertThrows(
                StoreUnavailableException.class,
                () -> stores.unavailableWhenDown(Uni.createFrom().failure(refused))
                        .await()
                        .atMost(WAIT));
        assertEquals("redis did not answer; retry in a few seconds", unavailable.getMessage());
        assertSame(refused, unavailable.getCause());
        assertEquals(
                1.0,
                metrics.get("cdp.stores.unreachable")
                        .tag("store", "redis")
                        .gauge()
                        .value());

        redis.up.set(true);
        Throwable failure = assertThrows(
                Throwable.class,
                () -> stores.unavailableWhenDown(Uni.createFrom().failure(new IllegalStateException("bug")))
                        .await()
                        .atMost(WAIT));
        assertInstanceOf(IllegalStateException.class, failure);
    }

    private static final class FakeStore implements StoreProbe {

        final AtomicBoolean up = new AtomicBoolean(true);

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public Uni<Void> ping() {
            return up.get()
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new IOException("connection refused"));
        }
    }
}
