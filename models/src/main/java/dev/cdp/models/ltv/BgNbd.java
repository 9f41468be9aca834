package dev.cdp.models.ltv;

import dev.cdp.models.InvalidPurchasesException;
import java.util.List;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy
 * Way"): while alive a customer buys as a Poisson process of rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b). Time in weeks, as the histories.
 *
 * @param logLikelihood of the histories the model was fitted on
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {

    /**
     * The maximum-likelihood model of {@code histories} (the paper's equation 6).
     *
     * @throws InvalidPurchasesException with no repeat purchase at all (nothing to tell buying from
     *     dropping out) or a fit that does not converge to finite parameters
     */
    public static BgNbd fit(List<PurchaseHistory> histories) {
        if (histories.stream().noneMatch(history -> history.repeats() > 0)) {
            throw new InvalidPurchasesException(
                    histories.size() + " customers and not one repeat purchase: BG/NBD needs repeat buying to fit");
        }
        double[] best = MaximumLikelihood.maximise(
                parameters -> logLikelihood(parameters[0], parameters[1], parameters[2], parameters[3], histories),
                new double[] {1, 1, 1, 1});
        for (double parameter : best) {
            if (!Double.isFinite(parameter) || parameter <= 0) {
                throw new InvalidPurchasesException("BG/NBD did not converge (a parameter went to " + parameter
                        + "): the purchases are degenerate, e.g. every customer bought on the same days");
            }
        }
        return new BgNbd(
                best[0], best[1], best[2], best[3], logLikelihood(best[0], best[1], best[2], best[3], histories));
    }

    static double logLikelihood(double r, double alpha, double a, double b, List<PurchaseHistory> histories) {
        double sum = 0;
        double logBetaAB = Beta.logBeta(a, b);
        double logGammaR = Gamma.logGamma(r);
        for (PurchaseHistory history : histories) {
            int x = history.repeats();
            double common = Gamma.logGamma(r + x) - logGammaR + r * Math.log(alpha);
            double survived = Beta.logBeta(a, b + x) - logBetaAB - (r + x) * Math.log(alpha + history.age());
            if (x == 0) {
                sum += common + survived;
            } else {
                double droppedOut =
                        Beta.logBeta(a + 1, b + x - 1) - logBetaAB - (r + x) * Math.log(alpha + history.recency());
                sum += common + logSumExp(survived, droppedOut);
            }
        }
        return sum;
    }

    /** P(alive | x, t_x, T): the chance the customer has not dropped out by the end of calibration. */
    public double pAlive(PurchaseHistory history) {
        return 1 / (1 + droppedOutOdds(history));
    }

    /**
     * E[Y(t) | x, t_x, T]: the purchases expected in the {@code weeks} after calibration (the paper's
     * equation 10).
     */
    public double expectedPurchases(PurchaseHistory history, double weeks) {
        if (weeks <= 0) {
            return 0;
        }
        int x = history.repeats();
        double ahead = alpha + history.age() + weeks;
        double hypergeometric = Hypergeometric.f21(r + x, b + x, a + b + x - 1, weeks / ahead);
        double buying =
                (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + history.age()) / ahead, r + x) * hypergeometric);
        return buying / (1 + droppedOutOdds(history));
    }

    /** δ(x > 0) · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x). */
    private double droppedOutOdds(PurchaseHistory history) {
        int x = history.repeats();
        if (x == 0) {
            return 0;
        }
        return a / (b + x - 1) * Math.pow((alpha + history.age()) / (alpha + history.recency()), r + x);
    }

    private static double logSumExp(double one, double other) {
        double max = Math.max(one, other);
        return max + Math.log(Math.exp(one - max) + Math.exp(other - max));
    }
}
