package dev.cdp.models.ltv;

import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over positive parameters: searched as their logarithms, so every
 * point the optimiser tries is a valid model, by Nelder-Mead restarted from each optimum until a
 * restart no longer improves it (a simplex can stall short of the optimum on a long ridge).
 */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 100_000;
    private static final int MAX_RESTARTS = 20;

    private MaximumLikelihood() {}

    /** The positive parameters of greatest {@code logLikelihood}, starting from {@code start}. */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double value = logLikelihood.applyAsDouble(exp(logs));
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        });
        double[] logs = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            logs[i] = Math.log(start[i]);
        }
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-12);
        double best = Double.NEGATIVE_INFINITY;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            PointValuePair found = optimizer.optimize(
                    new MaxEval(MAX_EVALUATIONS),
                    objective,
                    GoalType.MAXIMIZE,
                    new InitialGuess(logs),
                    new NelderMeadSimplex(logs.length, 0.1));
            logs = found.getPoint();
            if (found.getValue() - best <= 1e-10) {
                break;
            }
            best = found.getValue();
        }
        return exp(logs);
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }
}
