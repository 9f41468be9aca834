package dev.cdp.bench.jmh;

import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.rule.Rule;
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
    private Map<String, TagValue> tags;

    @Setup
    public void setUp() {
        rule = Rule.compile(RULE);
        tags = new HashMap<>();
        tags.put("order_count_30d", TagValue.newBuilder().setNumber(2).build());
        tags.put("event_count_30d", TagValue.newBuilder().setNumber(14).build());
        tags.put("total_spend", TagValue.newBuilder().setNumber(88.5).build());
        tags.put("last_channel", TagValue.newBuilder().setText("web").build());
    }

    @Benchmark
    public boolean compiledRule() {
        return rule.matches(tags);
    }

    @Benchmark
    public boolean handWrittenBaseline() {
        TagValue orders = tags.get("order_count_30d");
        TagValue spend = tags.get("total_spend");
        TagValue channel = tags.get("last_channel");
        return orders != null && orders.getNumber() >= 1
                && (spend != null && spend.getNumber() > 100 || !(channel != null && channel.getText().equals("app")));
    }
}
