package dev.cdp.models.rfm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFM scores of a population of customers. The named groups follow the R×F grid marketers use
 * (R first, F second): 55 54 45 44 Champions; 35 34 (and 43 53) … as in {@link #group}; the
 * matrix classes split each of R, F and M at its mean (recent, frequent, high spend = 重要价值).
 */
public final class Rfm {

    private Rfm() {}

    /** Scores every customer against the others, each of R, F and M the same way (quintiles, mean split). */
    public static List<RfmScore> score(List<RfmValues> customers, Scoring scoring) {
        return score(customers, scoring, scoring, scoring);
    }

    /**
     * Scores every customer against the others: R on days since the last order, reversed (with
     * thresholds, their bounds are days: the fewer, the higher R); F on orders; M on spend.
     */
    public static List<RfmScore> score(
            List<RfmValues> customers, Scoring recencyScoring, Scoring frequencyScoring, Scoring monetaryScoring) {
        double[] recency =
                sorted(customers.stream().mapToDouble(RfmValues::recencyDays).map(days -> -days));
        double[] frequency = sorted(customers.stream().mapToDouble(RfmValues::frequency));
        double[] monetary = sorted(customers.stream().mapToDouble(RfmValues::monetary));
        double meanRecency =
                customers.stream().mapToDouble(RfmValues::recencyDays).average().orElse(0);
        double meanFrequency =
                customers.stream().mapToDouble(RfmValues::frequency).average().orElse(0);
        double meanMonetary =
                customers.stream().mapToDouble(RfmValues::monetary).average().orElse(0);
        List<RfmScore> scores = new ArrayList<>(customers.size());
        for (RfmValues customer : customers) {
            int r = recencyScoring instanceof Scoring.Thresholds
                    ? 6 - recencyScoring.score(customer.recencyDays(), recency)
                    : recencyScoring.score(-customer.recencyDays(), recency);
            int f = frequencyScoring.score(customer.frequency(), frequency);
            int m = monetaryScoring.score(customer.monetary(), monetary);
            scores.add(new RfmScore(
                    customer.customerId(),
                    r,
                    f,
                    m,
                    "" + r + f + m,
                    group(r, f),
                    matrixClass(
                            customer.recencyDays() < meanRecency,
                            customer.frequency() > meanFrequency,
                            customer.monetary() > meanMonetary)));
        }
        return scores;
    }

    /**
     * The named group of an R and F score: the grid of the RFM literature's practice, with 11 Lost
     * beside the rest of Hibernating.
     */
    public static String group(int r, int f) {
        if (r >= 5 && f >= 4) {
            return "Champions";
        }
        if (r >= 3 && f >= 4) {
            return "Loyal";
        }
        if (r >= 4 && f >= 2) {
            return "Potential loyalists";
        }
        if (r == 5) {
            return "New";
        }
        if (r == 4) {
            return "Promising";
        }
        if (r == 3 && f == 3) {
            return "Need attention";
        }
        if (r == 3) {
            return "About to sleep";
        }
        if (f == 5) {
            return "Can't lose";
        }
        if (f >= 3) {
            return "At risk";
        }
        return r == 1 && f == 1 ? "Lost" : "Hibernating";
    }

    /**
     * The class of the eight-class matrix: each of R, F, M above or below its mean (R "above" when
     * the last order is more recent than the mean's).
     */
    public static String matrixClass(boolean recent, boolean frequent, boolean highSpend) {
        String value = highSpend ? "重要" : "一般";
        String kind = recent ? (frequent ? "价值" : "发展") : (frequent ? "保持" : "挽留");
        return value + kind;
    }

    private static double[] sorted(java.util.stream.DoubleStream values) {
        double[] array = values.toArray();
        Arrays.sort(array);
        return array;
    }
}
