package dev.cdp.models.ltv;

import dev.cdp.models.InvalidPurchasesException;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): a customer's transactions are Gamma(p, ν) with ν ~ Gamma(q, γ) across
 * customers, independent of how often they buy. {@code v} is the note's γ.
 *
 * @param customers the repeat customers with positive mean repeat spend it was fitted on
 * @param leftOut the customers of the histories it was not fitted on (no repeat purchase)
 * @param logLikelihood of those it was fitted on
 */
public record GammaGamma(double p, double q, double v, int customers, int leftOut, double logLikelihood) {

    /**
     * The maximum-likelihood model over the customers with at least one repeat purchase (their mean
     * repeat spend is what the model describes); the others are counted in {@code leftOut}.
     *
     * @param minimumCustomers fewer repeat customers than this is too little to fit
     * @throws InvalidPurchasesException for too few repeat customers or a fit without a finite mean
     *     spend (q ≤ 1)
     */
    public static GammaGamma fit(List<PurchaseHistory> histories, int minimumCustomers) {
        List<PurchaseHistory> repeat = histories.stream()
                .filter(history -> history.repeats() > 0 && history.meanRepeatAmount() > 0)
                .toList();
        if (repeat.size() < Math.max(2, minimumCustomers)) {
            throw new InvalidPurchasesException(repeat.size() + " repeat customers; Gamma-Gamma needs at least "
                    + Math.max(2, minimumCustomers) + " to fit spend per transaction");
        }
        double[] best = MaximumLikelihood.maximise(
                parameters -> logLikelihood(parameters[0], parameters[1], parameters[2], repeat),
                new double[] {1, 1, 1});
        if (!(best[1] > 1) || !Double.isFinite(best[0] * best[2])) {
            throw new InvalidPurchasesException("Gamma-Gamma fitted q = " + best[1]
                    + ": with q ≤ 1 the mean spend per transaction is unbounded (spend too spread to model)");
        }
        return new GammaGamma(
                best[0],
                best[1],
                best[2],
                repeat.size(),
                histories.size() - repeat.size(),
                logLikelihood(best[0], best[1], best[2], repeat));
    }

    static double logLikelihood(double p, double q, double v, List<PurchaseHistory> repeat) {
        double sum = 0;
        double logGammaQ = Gamma.logGamma(q);
        double qLogV = q * Math.log(v);
        for (PurchaseHistory history : repeat) {
            double x = history.repeats();
            double mean = history.meanRepeatAmount();
            double px = p * x;
            sum += Gamma.logGamma(px + q)
                    - Gamma.logGamma(px)
                    - logGammaQ
                    + qLogV
                    + (px - 1) * Math.log(mean)
                    + px * Math.log(x)
                    - (px + q) * Math.log(v + x * mean);
        }
        return sum;
    }

    /**
     * E(M | p, q, γ, x, z̄): the customer's expected spend per transaction, their own mean weighted
     * against the population's {@code pγ / (q − 1)} by how many repeat purchases they made.
     */
    public double expectedAmount(PurchaseHistory history) {
        int x = history.repeats();
        if (x == 0) {
            return p * v / (q - 1);
        }
        return p * (v + x * history.meanRepeatAmount()) / (p * x + q - 1);
    }
}
