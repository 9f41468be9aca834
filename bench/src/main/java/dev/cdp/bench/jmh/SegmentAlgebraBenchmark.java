package dev.cdp.bench.jmh;

import dev.cdp.rules.Condition;
import dev.cdp.rules.Rule;
import dev.cdp.segment.engine.ProfileIndex;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * segment-service's engine: a three-condition segment counted over 1M profiles as bitmap algebra
 * ({@link ProfileIndex}), against the fastest hand-written form, a loop over primitive columns.
 * Both count the same profiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SegmentAlgebraBenchmark {

    private static final int PROFILES = 1_000_000;
    private static final Instant NOW = Instant.ofEpochMilli(1_790_000_000_000L);
    private static final String[] CHANNELS = {"web", "app", "mini_program"};

    private ProfileIndex index;
    private Condition condition;
    private int[] orders;
    private double[] spend;
    private byte[] channel;

    @Setup
    public void setUp() {
        index = new ProfileIndex(this::values);
        orders = new int[PROFILES];
        spend = new double[PROFILES];
        channel = new byte[PROFILES];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < PROFILES; i++) {
            orders[i] = random.nextInt(0, 6);
            // Whole units, as counts and rounded amounts are: few distinct values per column.
            spend[i] = random.nextInt(0, 5000);
            channel[i] = (byte) random.nextInt(0, 3);
            index.add(i, values(i));
        }
        condition = Rule.compile("order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')")
                .condition();
        if (bitmaps() != handWrittenLoop()) {
            throw new IllegalStateException("the bitmaps and the loop count different profiles");
        }
    }

    private Map<String, Object> values(int profile) {
        Map<String, Object> values = new HashMap<>();
        values.put("order_count_30d", (double) orders[profile]);
        values.put("total_spend", spend[profile]);
        values.put("last_channel", CHANNELS[channel[profile]]);
        return values;
    }

    @Benchmark
    public long bitmaps() {
        return index.evaluate(condition, NOW, segment -> null).getLongCardinality();
    }

    @Benchmark
    public long handWrittenLoop() {
        long count = 0;
        for (int i = 0; i < PROFILES; i++) {
            if (orders[i] >= 1 && (spend[i] > 100 || channel[i] != 1)) {
                count++;
            }
        }
        return count;
    }
}
