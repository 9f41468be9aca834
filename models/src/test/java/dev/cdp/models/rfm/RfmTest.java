package dev.cdp.models.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.models.Cdnow;
import dev.cdp.models.Purchase;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * RFM of the CDNOW sample's first ten customers on 1997-09-30, worked out by hand from their
 * orders: recency 59, 260, 272, 272, 272, 66, 237, 272, 22, 272 days; orders 3, 2, 1, 1, 1, 8, 2, 1,
 * 3, 1; spend 74.02, 75.11, 6.79, 13.97, 23.94, 552.18, 23.54, 32.91, 67.46, 30.32. Quintile cuts
 * of ten are the 2nd, 4th, 6th and 8th smallest values; a tie on a cut stays below it.
 */
class RfmTest {

    @Test
    void quintileScoresCodesGroupsAndMatrixOfAHandComputedSubset() throws IOException {
        List<Purchase> firstTen = Cdnow.sample().stream()
                .filter(order -> Integer.parseInt(order.customerId()) <= 10)
                .toList();
        List<RfmValues> values = RfmValues.of(firstTen, Cdnow.CALIBRATION_END);
        assertEquals(
                List.of(59.0, 260.0, 272.0, 272.0, 272.0, 66.0, 237.0, 272.0, 22.0, 272.0),
                byCustomer(values).values().stream().map(RfmValues::recencyDays).toList());

        Map<String, RfmScore> scores = new TreeMap<>();
        Rfm.score(values, new Scoring.Quintiles()).forEach(score -> scores.put(score.customerId(), score));
        Map<String, String> expected = Map.of(
                "1", "544 Champions 一般价值",
                "2", "335 Need attention 一般挽留",
                "3", "111 Lost 一般挽留",
                "4", "111 Lost 一般挽留",
                "5", "112 Lost 一般挽留",
                "6", "455 Loyal 重要价值",
                "7", "432 Potential loyalists 一般挽留",
                "8", "113 Lost 一般挽留",
                "9", "544 Champions 一般价值",
                "10", "113 Lost 一般挽留");
        expected.forEach((customer, score) -> {
            RfmScore found = scores.get(customer);
            assertEquals(score, found.code() + " " + found.group() + " " + found.matrixClass(), "customer " + customer);
        });
    }

    @Test
    void meanSplitAndThresholdsScoreAsTheySay() {
        List<RfmValues> values =
                List.of(new RfmValues("a", 5, 10, 500), new RfmValues("b", 100, 1, 20), new RfmValues("c", 40, 2, 60));
        Map<String, RfmScore> split = new TreeMap<>();
        Rfm.score(values, new Scoring.MeanSplit()).forEach(score -> split.put(score.customerId(), score));
        assertEquals("555", split.get("a").code(), "recent (5 < 48.3 days), frequent, high spend");
        assertEquals("111", split.get("b").code());
        assertEquals("511", split.get("c").code(), "40 days is more recent than the mean");

        Map<String, RfmScore> custom = new TreeMap<>();
        Rfm.score(
                        values,
                        new Scoring.Thresholds(new double[] {7, 30, 90, 180}),
                        new Scoring.Thresholds(new double[] {2, 3, 5, 10}),
                        new Scoring.Thresholds(new double[] {50, 100, 200, 500}))
                .forEach(score -> custom.put(score.customerId(), score));
        assertEquals(
                "555", custom.get("a").code(), "5 days is under every recency bound; 10 orders, 500 spent reach all");
        assertEquals("211", custom.get("b").code(), "100 days passes three recency bounds");
        assertEquals("322", custom.get("c").code());
        assertThrows(IllegalArgumentException.class, () -> new Scoring.Thresholds(new double[] {1, 2, 2, 3}));
    }

    @Test
    void everyCellOfTheGridHasItsGroup() {
        StringBuilder grid = new StringBuilder();
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                grid.append(r).append(f).append(' ').append(Rfm.group(r, f)).append('\n');
            }
        }
        assertEquals("""
                51 New
                52 Potential loyalists
                53 Potential loyalists
                54 Champions
                55 Champions
                41 Promising
                42 Potential loyalists
                43 Potential loyalists
                44 Loyal
                45 Loyal
                31 About to sleep
                32 About to sleep
                33 Need attention
                34 Loyal
                35 Loyal
                21 Hibernating
                22 Hibernating
                23 At risk
                24 At risk
                25 Can't lose
                11 Lost
                12 Hibernating
                13 At risk
                14 At risk
                15 Can't lose
                """, grid.toString());
    }

    private static Map<String, RfmValues> byCustomer(List<RfmValues> values) {
        Map<String, RfmValues> ordered =
                new TreeMap<>((one, other) -> Integer.compare(Integer.parseInt(one), Integer.parseInt(other)));
        values.forEach(value -> ordered.put(value.customerId(), value));
        return ordered;
    }
}
