package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.process.PlatformProcesses;
import dev.cdp.bench.report.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/** The platform's capacity end to end: POST /v1/batch in steps of increasing rate until one does not keep up. */
final class IngestEndToEnd {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration EVENT_TO_TAG_TARGET = Duration.ofMillis(500);

    private final Settings settings;
    private final Report report;
    private final PlatformProcesses processes;

    IngestEndToEnd(Settings settings, Report report, PlatformProcesses processes) {
        this.settings = settings;
        this.report = report;
        this.processes = processes;
    }

    /**
     * @param sustained the highest rate kept up with
     * @param withinTarget the highest rate kept up with whose event → tag p99 met its target
     * @param underLoad event → tag at the sustained rate; null when no step kept up
     * @param idle event → tag with no load
     */
    /**
     * @param membershipUnderLoad event → segment member at the highest rate kept up with; null
     *     without a membership probe or when no rate was
     */
    record Capacity(
            double sustained,
            double withinTarget,
            Histogram underLoad,
            Histogram idle,
            Histogram membershipUnderLoad) {}

    /** @param membership the segment the probes also wait to be in; null: event → tag only */
    Capacity measure(Scenarios scenarios, Lag lag, double[] rates, MembershipProbe membership) throws Exception {
        report.section("Ingest end to end: POST /v1/batch (50 events) at fixed rates");
        Duration warmup = settings.warmup();
        Duration measured = settings.measured();
        List<Latency> ingest = new ArrayList<>();
        List<String> lagNotes = new ArrayList<>();
        List<String> cpuNotes = new ArrayList<>();
        double sustained = 0;
        double withinTarget = 0;
        Histogram underLoad = null;
        Histogram membershipUnderLoad = null;
        Duration jitWarmup = settings.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(40);
        // Fresh events for every step: a body sent twice would only be deduplicated, and cost nothing.
        long events = 50 * jitWarmup.toSeconds()
                + (long) (Arrays.stream(rates).sum() * (warmup.toSeconds() + 2 * measured.toSeconds()));
        List<String> bodies = Scenarios.batches((int) Math.min(Integer.MAX_VALUE, events + events / 10), 50);
        // The ingest path through four services has not run since the restart: warm its JIT first.
        scenarios.ingestAtRate(50, 50, bodies, Duration.ZERO, jitWarmup);
        awaitDrained(lag);
        Scenarios.Probes idle = probe(scenarios, Duration.ofSeconds(settings.quick() ? 2 : 10), membership);
        for (double rate : rates) {
            awaitDrained(lag);
            long lagBefore = tagServiceLag(lag);
            Map<String, Long> cpuBefore = processes.cpuMillis();
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<Scenarios.Probes> probes =
                    CompletableFuture.supplyAsync(() -> probeUnchecked(scenarios, running, membership));
            Latency step = scenarios.ingestAtRate(rate, 50, bodies, warmup, measured.multipliedBy(2));
            running.set(false);
            Scenarios.Probes probed = probes.get();
            Histogram probe = probed.tag();
            // Offsets are committed every 5 s: read the lag once a commit has surely happened.
            Thread.sleep(COMMIT_INTERVAL.plusSeconds(1).toMillis());
            long lagAfter = tagServiceLag(lag);
            Map<String, Long> cpuAfter = processes.cpuMillis();
            ingest.add(step);
            // Every event sent in the step, warm-up included, since the CPU was read around all of it.
            long sent = (long) (rate
                            * (warmup.toSeconds() + measured.multipliedBy(2).toSeconds()))
                    + probe.getTotalCount();
            cpuNotes.add(cpuPerEvent(rate, cpuBefore, cpuAfter, sent));
            lagNotes.add(String.format(
                            Locale.ROOT,
                            "%.0f events/s: tag-service lag %d → %d records 6 s after the step; event → tag p50 %s ms, p99 %s ms (%d probes)",
                            rate,
                            lagBefore,
                            lagAfter,
                            Report.ms(probe.getValueAtPercentile(50)),
                            Report.ms(probe.getValueAtPercentile(99)),
                            probe.getTotalCount())
                    + members(probed.membership()));
            // Kept up: every request served, no more backlog than one commit interval of input, and
            // no queue building in front of ingest (median latency within 5× the lightest step's).
            long baseP50 = ingest.get(0).p50();
            boolean kept = step.errors() == 0
                    && step.achievedRate() >= 0.95 * rate
                    && lagAfter - lagBefore <= rate * COMMIT_INTERVAL.toSeconds()
                    && step.p50() <= 5 * baseP50;
            if (!kept) {
                break;
            }
            sustained = rate;
            underLoad = probe;
            membershipUnderLoad = membership == null ? null : probed.membership();
            if (probe.getValueAtPercentile(99) <= EVENT_TO_TAG_TARGET.toNanos() / 1000) {
                withinTarget = rate;
            }
        }
        report.latencyTable(ingest);
        report.append("\n");
        report.bullets(lagNotes);
        report.append(
                "\nCPU time per event accepted, by process (all the work each event causes downstream, measured over each step):\n\n");
        report.bullets(cpuNotes);
        report.format(
                "%nEvent → tag with no load: p50 %s ms, p99 %s ms (%d probes)%s.%n",
                Report.ms(idle.tag().getValueAtPercentile(50)),
                Report.ms(idle.tag().getValueAtPercentile(99)),
                idle.tag().getTotalCount(),
                members(idle.membership()));
        return new Capacity(sustained, withinTarget, underLoad, idle.tag(), membershipUnderLoad);
    }

    /** The capacity in the summary table, beside what Kafka's own producer tool reached in the same run. */
    void summarise(Capacity capacity, double producerRecordsPerSecond) {
        double sustained = capacity.sustained();
        Histogram underLoad = capacity.underLoad();
        report.summary(
                "Ingest sustained end to end (no growing lag)",
                String.format(Locale.ROOT, "%.0f events/s", sustained),
                String.format(Locale.ROOT, "%.0f records/s (Kafka producer perf)", producerRecordsPerSecond),
                String.format(Locale.ROOT, "%.1f%%", 100 * sustained / producerRecordsPerSecond),
                "≥ 20k events/s");
        Histogram p99Source = underLoad != null ? underLoad : capacity.idle();
        report.summary(
                "Event accepted → tag readable, p99"
                        + (underLoad != null ? String.format(Locale.ROOT, " at %.0f events/s", sustained) : " (idle)"),
                Report.ms(p99Source.getValueAtPercentile(99)) + " ms",
                "",
                "",
                "≤ 500 ms");
        if (capacity.membershipUnderLoad() != null) {
            report.summary(
                    String.format(Locale.ROOT, "Event accepted → segment member, p99 at %.0f events/s", sustained),
                    Report.ms(capacity.membershipUnderLoad().getValueAtPercentile(99)) + " ms",
                    "",
                    "",
                    "within seconds");
        }
        report.summary(
                "Highest rate kept up with at event → tag p99 ≤ 500 ms",
                String.format(Locale.ROOT, "%.0f events/s", capacity.withinTarget()),
                "",
                "",
                "");
    }

    private static long tagServiceLag(Lag lag) throws ExecutionException, InterruptedException {
        return lag.of("tag-service", "cdp.events.resolved");
    }

    private static String cpuPerEvent(double rate, Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%.0f events/s:", rate));
        long total = 0;
        for (String process : after.keySet()) {
            long used = after.get(process) - before.getOrDefault(process, 0L);
            total += used;
            note.append(String.format(Locale.ROOT, " %s %.2f ms,", process, used / (double) Math.max(1, events)));
        }
        return note.append(String.format(Locale.ROOT, " total %.2f ms", total / (double) Math.max(1, events)))
                .toString();
    }

    private static void awaitDrained(Lag lag) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (tagServiceLag(lag) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** "; event → segment member p50 …, p99 …" when there were membership probes. */
    private static String members(Histogram membership) {
        return membership.getTotalCount() == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; event → segment member p50 %s ms, p99 %s ms",
                        Report.ms(membership.getValueAtPercentile(50)),
                        Report.ms(membership.getValueAtPercentile(99)));
    }

    private static Scenarios.Probes probe(Scenarios scenarios, Duration period, MembershipProbe membership)
            throws ExecutionException, InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Scenarios.Probes> probes =
                CompletableFuture.supplyAsync(() -> probeUnchecked(scenarios, running, membership));
        Thread.sleep(period.toMillis());
        running.set(false);
        return probes.get();
    }

    private static Scenarios.Probes probeUnchecked(
            Scenarios scenarios, AtomicBoolean running, MembershipProbe membership) {
        try {
            return scenarios.probeEvents(running, Duration.ofMillis(100), membership);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
