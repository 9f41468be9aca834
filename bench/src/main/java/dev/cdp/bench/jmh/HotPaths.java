package dev.cdp.bench.jmh;

import dev.cdp.bench.report.Report;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of this package, one fork each, and writes their scores. */
public final class HotPaths {

    private final boolean quick;
    private final Report report;

    /** @param quick fewer iterations, to check the harness works */
    public HotPaths(boolean quick, Report report) {
        this.quick = quick;
        this.report = report;
    }

    public void measure() throws RunnerException {
        report.section("Hot paths (JMH, ns per operation, 1 fork)");
        var options = new OptionsBuilder()
                .include("dev\\.cdp\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        report.append("| benchmark | ns/op | ± (99.9%) |\n| --- | ---: | ---: |\n");
        for (RunResult result : new Runner(options).run()) {
            var score = result.getPrimaryResult();
            String name = result.getParams().getBenchmark().replace("dev.cdp.bench.jmh.", "");
            report.format("| %s | %.1f | %.1f |%n", name, score.getScore(), score.getScoreError());
        }
    }
}
