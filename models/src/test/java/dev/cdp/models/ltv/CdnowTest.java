package dev.cdp.models.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.models.Cdnow;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The models fitted on the CDNOW sample (2,357 customers, calibration to 1997-09-30) reproduce the
 * published maximum-likelihood estimates, to the precision they were published with: BG/NBD of
 * Fader, Hardie and Lee (2005), r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4;
 * Gamma-Gamma of Fader and Hardie's note (2013), p = 6.25, q = 3.74, γ = 15.44 over 946 repeat
 * customers.
 */
class CdnowTest {

    /** The summary's values are rounded to two decimals (22.345 is printed 22.35). */
    private static final double TWO_DECIMALS = 0.005 + 1e-9;

    private static List<PurchaseHistory> histories;
    private static LtvFit fit;

    @BeforeAll
    static void fit() throws IOException {
        histories = PurchaseHistory.of(Cdnow.sample(), Cdnow.CALIBRATION_END);
        fit = LtvFit.of(histories, LtvFit.MINIMUM_REPEAT_CUSTOMERS);
    }

    @Test
    void theHistoriesAreThoseOfThePublishedSummary() throws IOException {
        List<String> rows = Files.readAllLines(Cdnow.folder().resolve("cdnow_customers_summary_with_transactions.csv"));
        Map<String, PurchaseHistory> byId = new HashMap<>();
        histories.forEach(history -> byId.put(history.customerId(), history));
        assertEquals(rows.size() - 1, histories.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",");
            PurchaseHistory history = byId.get(fields[0]);
            assertEquals(Integer.parseInt(fields[1]), history.repeats(), row);
            assertEquals(Double.parseDouble(fields[2]), history.recency(), TWO_DECIMALS, row);
            assertEquals(Double.parseDouble(fields[3]), history.age(), TWO_DECIMALS, row);
            assertEquals(Double.parseDouble(fields[4]), history.meanRepeatAmount(), TWO_DECIMALS, row);
        }
    }

    @Test
    void bgNbdReproducesFaderHardieAndLee2005() {
        BgNbd model = fit.bgnbd();
        assertEquals(0.243, model.r(), 0.0005, "r");
        assertEquals(4.414, model.alpha(), 0.0005, "alpha");
        assertEquals(0.793, model.a(), 0.0005, "a");
        assertEquals(2.426, model.b(), 0.0005, "b");
        assertEquals(-9582.4, model.logLikelihood(), 0.05, "log-likelihood");
    }

    @Test
    void gammaGammaReproducesFaderAndHardie2013() {
        GammaGamma model = fit.gammaGamma();
        assertEquals(946, model.customers(), "repeat customers fitted on");
        assertEquals(histories.size() - 946, model.leftOut(), "customers without a repeat purchase, left out");
        assertEquals(6.25, model.p(), 0.005, "p");
        assertEquals(3.74, model.q(), 0.005, "q");
        assertEquals(15.44, model.v(), 0.005, "gamma");
    }

    @Test
    void theExpectationsAgreeWithWhatTheModelSaysOfAnAliveCustomer() {
        BgNbd model = fit.bgnbd();
        for (PurchaseHistory history : histories.subList(0, 200)) {
            // Alive, a customer buys at their posterior mean rate (r + x) / (α + T): over an instant,
            // the purchases expected are P(alive) times that rate.
            double instant = 1e-6;
            double rate = (model.r() + history.repeats()) / (model.alpha() + history.age());
            assertEquals(
                    model.pAlive(history) * rate,
                    model.expectedPurchases(history, instant) / instant,
                    1e-4 * rate,
                    history.toString());
            if (history.repeats() == 0) {
                assertEquals(1.0, model.pAlive(history), "no repeat purchase: no chance yet to have dropped out");
            }
        }
    }

    @Test
    void undiscountedLifetimeValueIsExpectedPurchasesTimesExpectedSpend() {
        PurchaseHistory history = histories.stream()
                .filter(candidate -> candidate.repeats() == 2)
                .findFirst()
                .orElseThrow();
        LtvFit.Prediction prediction = fit.predict(history, 12, 0);
        assertEquals(prediction.expectedPurchases() * prediction.expectedAmount(), prediction.lifetimeValue(), 1e-9);
        assertEquals(
                true,
                fit.predict(history, 12, 0.01).lifetimeValue() < prediction.lifetimeValue(),
                "discounting lowers it");
    }
}
