package dev.cdp.bench;

import dev.cdp.bench.report.Progress;
import dev.cdp.bench.report.Report;
import dev.cdp.models.Purchase;
import dev.cdp.models.ltv.CdnowData;
import dev.cdp.models.ltv.LtvFit;
import dev.cdp.models.ltv.PurchaseHistory;
import dev.cdp.models.rfm.Rfm;
import dev.cdp.models.rfm.RfmScore;
import dev.cdp.models.rfm.RfmValues;
import dev.cdp.models.rfm.Scoring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The growth models' own costs, in the driver's JVM: BG/NBD and Gamma-Gamma fitted on the full
 * CDNOW_master (23,570 customers, calibration to 1997-09-30), every customer of 1M generated
 * histories predicted (P(alive), 90-day purchases, 12-month CLV), RFM over 1M customers. The
 * baseline of each is the pass over the same data that does no modelling (building the
 * histories; summing the values), so the ratio is the model's own cost.
 */
final class ModelsBench {

    /** Seven passes; the figure is the median of the last five (SegmentEvaluation.median), after the JIT has warmed. */
    private static final int PASSES = 7;

    private ModelsBench() {}

    static void section(Settings settings, Report report) throws Exception {
        int customers = settings.quick() ? 100_000 : 1_000_000;
        report.section("Growth models: lifetime value and RFM");
        Path master = CdnowData.folder().resolve("CDNOW_master.txt");
        report.append("| what | time (median of the last 5 of " + PASSES
                + ") | baseline | note |\n| --- | ---: | ---: | --- |\n");
        if (Files.isRegularFile(master)) {
            List<Purchase> purchases = CdnowData.read(master);
            double[] build = new double[PASSES];
            double[] fit = new double[PASSES];
            LtvFit fitted = null;
            for (int pass = 0; pass < PASSES; pass++) {
                List<PurchaseHistory> histories =
                        timed(build, pass, () -> PurchaseHistory.of(purchases, CdnowData.CALIBRATION_END));
                fitted = timed(fit, pass, () -> LtvFit.of(histories, LtvFit.MINIMUM_REPEAT_CUSTOMERS));
                Progress.log(String.format(Locale.ROOT, "models: CDNOW_master fitted in %.0f ms", fit[pass]));
            }
            report.format(
                    "| BG/NBD + Gamma-Gamma fitted on CDNOW_master (%,d customers, %,d repeat) | %.0f ms | %.0f ms (building the histories) | r %.4f, α %.4f, a %.4f, b %.4f; p %.4f, q %.4f, γ %.4f |%n",
                    fitted.customers(),
                    fitted.repeatCustomers(),
                    SegmentEvaluation.median(fit),
                    SegmentEvaluation.median(build),
                    fitted.bgnbd().r(),
                    fitted.bgnbd().alpha(),
                    fitted.bgnbd().a(),
                    fitted.bgnbd().b(),
                    fitted.gammaGamma().p(),
                    fitted.gammaGamma().q(),
                    fitted.gammaGamma().v());
            List<PurchaseHistory> generated = histories(customers);
            double[] predict = new double[PASSES];
            double[] touch = new double[PASSES];
            for (int pass = 0; pass < PASSES; pass++) {
                double sum = timed(
                        touch,
                        pass,
                        () -> generated.stream()
                                .mapToDouble(history -> history.recency() + history.meanRepeatAmount())
                                .sum());
                LtvFit model = fitted;
                double total = timed(
                        predict,
                        pass,
                        () -> generated.stream()
                                .mapToDouble(history ->
                                        model.predict(history, 12, 0.01).lifetimeValue()
                                                + model.bgnbd().expectedPurchases(history, 90 / 7.0))
                                .sum());
                Progress.log(String.format(
                        Locale.ROOT,
                        "models: %,d customers predicted in %.0f ms (%.0f, %.0f)",
                        customers,
                        predict[pass],
                        total,
                        sum));
            }
            report.format(
                    "| every customer predicted: P(alive), 90-day purchases, 12-month CLV (%,d generated histories) | %.0f ms | %.1f ms (reading them) | %.2f µs a customer |%n",
                    customers,
                    SegmentEvaluation.median(predict),
                    SegmentEvaluation.median(touch),
                    SegmentEvaluation.median(predict) * 1000 / customers);
        } else {
            report.append("| CDNOW_master not found at " + master + ": fit and predictions skipped | | | |\n");
        }
        List<RfmValues> values = rfmValues(customers);
        double[] score = new double[PASSES];
        double[] sum = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            double total = timed(
                    sum,
                    pass,
                    () -> values.stream()
                            .mapToDouble(value -> value.recencyDays() + value.frequency() + value.monetary())
                            .sum());
            List<RfmScore> scores = timed(score, pass, () -> Rfm.score(values, new Scoring.Quintiles()));
            Progress.log(String.format(
                    Locale.ROOT,
                    "models: RFM of %,d in %.0f ms (%s, %.0f)",
                    customers,
                    score[pass],
                    scores.get(0).code(),
                    total));
        }
        report.format(
                "| RFM quintile scores, code, group and matrix class (%,d customers) | %.0f ms | %.1f ms (summing the values) | sorts three columns, then scores each customer |%n",
                customers, SegmentEvaluation.median(score), SegmentEvaluation.median(sum));
    }

    /** Runs {@code work}, keeps its milliseconds as {@code times[pass]}, and answers its result. */
    private static <T> T timed(double[] times, int pass, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        times[pass] = (System.nanoTime() - start) / 1e6;
        return result;
    }

    /** Histories shaped like CDNOW's: most customers never come back, some buy every few weeks. */
    private static List<PurchaseHistory> histories(int customers) {
        SplittableRandom random = new SplittableRandom(42);
        List<PurchaseHistory> histories = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            double age = 1 + random.nextDouble(38);
            int repeats = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(12);
            double recency = repeats == 0 ? 0 : random.nextDouble(age);
            histories.add(new PurchaseHistory(
                    Integer.toString(i), repeats, recency, age, repeats == 0 ? 0 : 5 + random.nextDouble(80)));
        }
        return histories;
    }

    private static List<RfmValues> rfmValues(int customers) {
        SplittableRandom random = new SplittableRandom(7);
        List<RfmValues> values = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            values.add(new RfmValues(
                    Integer.toString(i), random.nextInt(365), 1 + random.nextInt(20), random.nextDouble(5000)));
        }
        return values;
    }
}
