package dev.cdp.identity.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cdp.identity.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestAdmissionTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void aSourceGetsItsBudgetPerSecondAndABigBatchIsPaidForByWaiting() {
        IngestAdmission admission = new IngestAdmission(1_000_000, clock::get);
        Source shop = source(10);

        assertNull(admission.admit(shop, 4));
        assertNull(admission.admit(shop, 6));
        IngestAdmission.Refusal over = admission.admit(shop, 1);
        assertEquals(429, over.status());
        assertEquals(Duration.ofSeconds(1), over.retryAfter());

        clock.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(429, admission.admit(shop, 25).status(), "a batch over the budget needs a full bucket");
        clock.addAndGet(Duration.ofMillis(500).toNanos());
        assertNull(admission.admit(shop, 25), "a second refilled the bucket: a quiet sender's big batch passes");
        IngestAdmission.Refusal indebted = admission.admit(shop, 1);
        assertEquals(
                Duration.ofSeconds(2), indebted.retryAfter(), "15 events of debt at 10 a second, and one more to take");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertNull(admission.admit(shop, 1));
        assertNull(admission.admit(source(null), 1_000), "a source without a limit is never refused for its rate");
    }

    @Test
    void aboveTheEventsInFlightEverySenderIsToldToComeBack() {
        IngestAdmission admission = new IngestAdmission(100, clock::get);
        Source any = source(null);

        assertNull(admission.admit(any, 60));
        IngestAdmission.Refusal full = admission.admit(any, 50);
        assertEquals(503, full.status());
        assertEquals(Duration.ofSeconds(1), full.retryAfter());
        admission.release(60);
        assertNull(admission.admit(any, 50));
        admission.release(50);
        assertNull(admission.admit(any, 500), "a call larger than the bound is taken when nothing else is held");
    }

    private static Source source(Integer rateLimit) {
        return new Source("s-" + rateLimit, "shop", "web", "abcd…", null, true, rateLimit, Instant.EPOCH);
    }
}
