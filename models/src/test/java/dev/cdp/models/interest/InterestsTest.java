package dev.cdp.models.interest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interest preferences worked out by hand: decay, lift against the population, top-N, co-occurrence. */
class InterestsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void anInteractionCountsHalfAsMuchEveryHalfLife() {
        Interests interests = Interests.of(
                List.of(
                        at("ada", "skincare", 0, 1),
                        at("ada", "skincare", 7, 1),
                        at("ada", "skincare", 14, 2),
                        at("ada", "shoes", 1, 1)),
                NOW,
                WEEK);
        // 1 + 0.5 + 2 × 0.25 = 2
        assertEquals(
                2.0,
                interests.top("ada", 5, 0).stream()
                        .filter(affinity -> affinity.interest().equals("skincare"))
                        .findFirst()
                        .orElseThrow()
                        .score(),
                1e-12);
    }

    @Test
    void liftRanksWhatThisCustomerHasMoreThanOthersDo() {
        // Everyone browses "home"; only ada has "skincare".
        Interests interests = Interests.of(
                List.of(
                        at("ada", "home", 0, 3),
                        at("ada", "skincare", 0, 1),
                        at("bob", "home", 0, 4),
                        at("cai", "home", 0, 4),
                        at("cai", "shoes", 0, 4)),
                NOW,
                WEEK);
        List<Interests.Affinity> ada = interests.top("ada", 2, 0);
        // Population: home 11, skincare 1, shoes 4 of 16. Ada: home 3/4, skincare 1/4.
        assertEquals("skincare", ada.get(0).interest());
        assertEquals(0.25 / (1 / 16.0), ada.get(0).lift(), 1e-12);
        assertEquals("home", ada.get(1).interest());
        assertEquals(0.75 / (11 / 16.0), ada.get(1).lift(), 1e-12);
        assertEquals(1, interests.top("ada", 1, 0).size());
        assertEquals(
                List.of("home"),
                interests.top("ada", 5, 2).stream()
                        .map(Interests.Affinity::interest)
                        .toList(),
                "skincare's score 1 is under the minimum 2");
    }

    @Test
    void theCooccurrenceGraphCountsCustomersHoldingBoth() {
        Interests interests = Interests.of(
                List.of(
                        at("ada", "home", 0, 1),
                        at("ada", "skincare", 0, 1),
                        at("bob", "home", 0, 1),
                        at("bob", "skincare", 0, 1),
                        at("bob", "shoes", 0, 1),
                        at("cai", "shoes", 0, 1)),
                NOW,
                WEEK);
        List<Interests.Edge> edges = interests.cooccurrence(List.of("ada", "bob", "cai"), 0.5);
        assertEquals(new Interests.Edge("home", "skincare", 2, 1.0), edges.get(0));
        // home: ada, bob; shoes: bob, cai; both: bob → 1 / 3
        assertEquals(new Interests.Edge("home", "shoes", 1, 1 / 3.0), edges.get(1));
        assertEquals(3, edges.size());
    }

    @Test
    void aBadHalfLifeOrWeightIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Interests.of(List.of(), NOW, Duration.ZERO));
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> Interests.of(List.of(at("ada", "home", 0, -1)), NOW, WEEK));
        assertEquals("customer ada, interest home: a weight must be 0 or more, got -1.0", refused.getMessage());
    }

    private static Interaction at(String customer, String interest, int daysAgo, double weight) {
        return new Interaction(customer, interest, NOW.minus(daysAgo, ChronoUnit.DAYS), weight);
    }
}
