package dev.cdp.models.ltv;

import dev.cdp.models.InvalidPurchasesException;
import java.util.List;

/**
 * BG/NBD and Gamma-Gamma fitted together on the same histories, with the time the fit took.
 *
 * @param customers the customers fitted on
 * @param repeatCustomers those with a repeat purchase: what Gamma-Gamma is fitted on
 */
public record LtvFit(int customers, int repeatCustomers, BgNbd bgnbd, GammaGamma gammaGamma, double fitSeconds) {

    /** Fewer repeat customers than this is too little data to fit, unless the caller says otherwise. */
    public static final int MINIMUM_REPEAT_CUSTOMERS = 20;

    /** @throws InvalidPurchasesException when either model cannot be fitted, naming why */
    public static LtvFit of(List<PurchaseHistory> histories, int minimumRepeatCustomers) {
        long start = System.nanoTime();
        GammaGamma spend = GammaGamma.fit(histories, minimumRepeatCustomers);
        BgNbd purchases = BgNbd.fit(histories);
        return new LtvFit(histories.size(), spend.customers(), purchases, spend, (System.nanoTime() - start) / 1e9);
    }

    /** What the fit predicts for one customer over {@code horizonMonths}. */
    public record Prediction(
            String customerId, double expectedPurchases, double pAlive, double expectedAmount, double lifetimeValue) {}

    public Prediction predict(PurchaseHistory history, int horizonMonths, double monthlyDiscount) {
        return new Prediction(
                history.customerId(),
                bgnbd.expectedPurchases(history, horizonMonths * LifetimeValue.WEEKS_PER_MONTH),
                bgnbd.pAlive(history),
                gammaGamma.expectedAmount(history),
                LifetimeValue.of(bgnbd, gammaGamma, history, horizonMonths, monthlyDiscount));
    }
}
