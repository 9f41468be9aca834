package dev.cdp.bench.jmh;

import dev.cdp.rules.Rule;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * segment-service's hot path: one compiled rule against one profile's tags, as done for every
 * segment on every tag change. The baseline is the same predicate written by hand in Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEvaluationBenchmark {

    static final String RULE = "order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')";

    private Rule rule;
    private Map<String, Object> tags;

    @Setup
    public void setUp() {
        rule = Rule.compile(RULE);
        tags = new HashMap<>();
        tags.put("order_count_30d", 2.0);
        tags.put("event_count_30d", 14.0);
        tags.put("total_spend", 88.5);
        tags.put("last_channel", "web");
    }

    @Benchmark
    public boolean compiledRule() {
        return rule.matches(tags);
    }

    @Benchmark
    public boolean handWrittenBaseline() {
        Object orders = tags.get("order_count_30d");
        Object spend = tags.get("total_spend");
        Object channel = tags.get("last_channel");
        return orders instanceof Double o && o >= 1 && (spend instanceof Double s && s > 100 || !"app".equals(channel));
    }
}
