package dev.cdp.models.rfm;

import java.util.Arrays;

/**
 * How a value becomes a 1–5 score. Recency is scored on days since the last order with the order
 * reversed: the most recent customers score 5.
 */
public sealed interface Scoring {

    /** The score of {@code value} among {@code population} (all the values of the run, sorted ascending). */
    int score(double value, double[] population);

    /**
     * By quintile: the lowest fifth of the customers scores 1, the next 2, and so on. The k-th cut
     * is the greatest value of the k-th fifth, {@code sorted[ceil(n k / 5) − 1]}; a value scores 1
     * plus the number of cuts it is above, so equal values always score alike (a tie on a cut
     * stays in the lower fifth).
     */
    record Quintiles() implements Scoring {
        @Override
        public int score(double value, double[] sorted) {
            int score = 1;
            for (int k = 1; k < 5; k++) {
                double cut = sorted[(int) Math.ceil(sorted.length * k / 5.0) - 1];
                if (value > cut) {
                    score++;
                }
            }
            return score;
        }
    }

    /** Above the mean scores 5, at or below it 1: the two levels of the mean-split matrix. */
    record MeanSplit() implements Scoring {
        @Override
        public int score(double value, double[] sorted) {
            return value > Arrays.stream(sorted).average().orElse(0) ? 5 : 1;
        }
    }

    /**
     * Four ascending thresholds of the analyst's own: a value scores 1 plus the number of them it
     * is at or above.
     */
    record Thresholds(double[] bounds) implements Scoring {

        public Thresholds {
            if (bounds.length != 4) {
                throw new IllegalArgumentException("four thresholds make five scores, got " + bounds.length);
            }
            for (int i = 1; i < bounds.length; i++) {
                if (!(bounds[i] > bounds[i - 1])) {
                    throw new IllegalArgumentException("thresholds must rise, got " + Arrays.toString(bounds));
                }
            }
            bounds = bounds.clone();
        }

        @Override
        public int score(double value, double[] sorted) {
            int score = 1;
            for (double bound : bounds) {
                if (value >= bound) {
                    score++;
                }
            }
            return score;
        }
    }
}
