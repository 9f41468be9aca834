package dev.cdp.bench.load;

import org.HdrHistogram.Histogram;

/** What one measured period gave: rates and latency percentiles in microseconds. */
public record Latency(
        String name,
        double targetRate,
        double achievedRate,
        long count,
        long errors,
        long p50,
        long p95,
        long p99,
        long p999,
        long max,
        String firstError) {

    static Latency of(
            String name, double targetRate, Histogram histogram, long errors, String firstError, double seconds) {
        return new Latency(
                name,
                targetRate,
                histogram.getTotalCount() / seconds,
                histogram.getTotalCount(),
                errors,
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(95),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                firstError);
    }

    /** The same figures under another name (the same call measured against another server). */
    public Latency named(String other) {
        return new Latency(other, targetRate, achievedRate, count, errors, p50, p95, p99, p999, max, firstError);
    }

    public static String millis(long micros) {
        return String.format("%.2f", micros / 1000.0);
    }
}
