package dev.cdp.models.ltv;

/**
 * Customer lifetime value over a horizon: month by month, the purchases BG/NBD expects in that
 * month times the spend Gamma-Gamma expects per purchase, discounted to the end of calibration at
 * a monthly rate.
 */
public final class LifetimeValue {

    /** A month in the models' unit of time. */
    static final double WEEKS_PER_MONTH = 365.25 / 12 / PurchaseHistory.DAYS_PER_WEEK;

    private LifetimeValue() {}

    public static double of(
            BgNbd purchases, GammaGamma spend, PurchaseHistory history, int horizonMonths, double monthlyDiscount) {
        double amount = spend.expectedAmount(history);
        double value = 0;
        double before = 0;
        for (int month = 1; month <= horizonMonths; month++) {
            double upTo = purchases.expectedPurchases(history, month * WEEKS_PER_MONTH);
            value += (upTo - before) * amount / Math.pow(1 + monthlyDiscount, month);
            before = upTo;
        }
        return value;
    }
}
