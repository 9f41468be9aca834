package dev.cdp.bench;

import dev.cdp.bench.jmh.HotPaths;
import dev.cdp.bench.process.Footprint;
import dev.cdp.bench.process.Machine;
import dev.cdp.bench.process.PlatformProcesses;
import dev.cdp.bench.report.BenchmarksFile;
import dev.cdp.bench.report.Progress;
import dev.cdp.bench.report.Report;
import java.time.Duration;
import java.util.Arrays;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Runs every benchmark against the platform started by {@code bin/cdp up} and writes the figures,
 * each beside its same-run baseline, into BENCHMARKS.md between the generated markers; the
 * analysis below them is kept. {@code cdp.bench.resolution}, {@code cdp.bench.reads},
 * {@code cdp.bench.ingest} and {@code cdp.bench.engine} run one section instead, printed.
 */
public final class Bench {

    /** How long the membership probe's segment may take to be decided over the existing profiles. */
    private static final Duration BACKFILL_TIMEOUT = Duration.ofMinutes(5);

    private final Settings settings;
    private final Report report = new Report();
    private final PlatformProcesses processes;

    private Bench(Settings settings) {
        this.settings = settings;
        this.processes = new PlatformProcesses(settings.home());
    }

    public static void main(String[] args) throws Exception {
        // Unconfigured, JBoss LogManager (the driver's slf4j backend) enables DEBUG: Netty then
        // formats and hex-dumps every HTTP/2 frame of the gRPC calls, on the driver's share of the CPU.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        Bench bench = new Bench(Settings.fromSystem());
        if (Boolean.getBoolean("cdp.bench.resolution")) {
            bench.resolutionOnly();
        } else if (Boolean.getBoolean("cdp.bench.reads")) {
            bench.readsOnly();
        } else if (Boolean.getBoolean("cdp.bench.ingest")) {
            bench.ingestOnly();
        } else if (Boolean.getBoolean("cdp.bench.engine")) {
            bench.engineOnly();
        } else if (Boolean.getBoolean("cdp.bench.models")) {
            Progress.log("machine: " + Machine.describe());
            ModelsBench.section(bench.settings, bench.report);
            bench.report.print();
        } else {
            bench.all();
        }
    }

    private void all() throws Exception {
        Progress.log("machine: " + Machine.describe());
        new HotPaths(settings.quick(), report).measure();
        IngestEndToEnd ingest = new IngestEndToEnd(settings, report, processes);
        try (GrpcConnections tags = GrpcConnections.to(settings.tagGrpcPort(), settings.token());
                GrpcConnections segments = GrpcConnections.to(settings.segmentPort(), settings.marketerToken());
                Lag lag = new Lag(settings.kafka())) {
            Scenarios scenarios = platform(tags);
            new TagReads(settings, report).measure(scenarios, settings.redisPort());
            SegmentEvaluation.section(settings, report);
            SegmentEngineBench.section(settings, report);
            ModelsBench.section(settings, report);
            ResolutionQuality.section(settings, report);
            IngestEndToEnd.Capacity capacity = ingest.measure(
                    scenarios,
                    lag,
                    settings.quick() ? new double[] {50} : new double[] {50, 100, 250, 500, 1000, 2000, 4000},
                    MembershipProbe.define(segments.channels().get(0), BACKFILL_TIMEOUT));
            // After the ingest steps, so the broker's work on 100k+ perf records cannot slow them.
            report.section("PostgreSQL and Kafka baselines");
            lag.ensureTopic("cdp.bench.baseline", 6);
            double[] producer = Baselines.kafkaProducer(
                    settings.kafka(), "cdp.bench.baseline", settings.quick() ? 50_000 : 300_000, 400);
            PostgresBaseline postgres = PostgresBaseline.measure(settings);
            report.format(
                    "- Kafka `ProducerPerformance`, 400-byte records, acks=all: %.0f records/s, "
                            + "p50 %.0f ms, p99 %.0f ms%n",
                    producer[0], producer[2], producer[3]);
            postgres.describe(report);
            ingest.summarise(capacity, producer[0]);
            new ResolutionAlone(settings, report).measure(lag, postgres);
        }
        new Footprint(processes, report).measure();
        new BenchmarksFile(settings.root()).write(report, settings.quick(), Machine.describe());
    }

    /** Only the resolution section and its baseline. */
    private void resolutionOnly() throws Exception {
        Progress.log("machine: " + Machine.describe());
        PostgresBaseline postgres = PostgresBaseline.measure(settings);
        try (Lag lag = new Lag(settings.kafka())) {
            new ResolutionAlone(settings, report).measure(lag, postgres);
        }
        report.print();
    }

    /** Only the tag-read section and its baselines. */
    private void readsOnly() throws Exception {
        Progress.log("machine: " + Machine.describe());
        try (GrpcConnections tags = GrpcConnections.to(settings.tagGrpcPort(), settings.token())) {
            new TagReads(settings, report).measure(platform(tags), settings.redisPort());
        }
        report.print();
    }

    /** Only the end-to-end ingest steps, at the rates of cdp.bench.ingest.rates. */
    private void ingestOnly() throws Exception {
        Progress.log("machine: " + Machine.describe());
        double[] rates = Arrays.stream(
                        System.getProperty("cdp.bench.ingest.rates", "100,250").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        try (GrpcConnections tags = GrpcConnections.to(settings.tagGrpcPort(), settings.token());
                GrpcConnections segments = GrpcConnections.to(settings.segmentPort(), settings.marketerToken());
                Lag lag = new Lag(settings.kafka())) {
            new IngestEndToEnd(settings, report, processes)
                    .measure(
                            platform(tags),
                            lag,
                            rates,
                            MembershipProbe.define(segments.channels().get(0), BACKFILL_TIMEOUT));
        }
        report.print();
    }

    /** Only the segment engine against PostgreSQL (cdp.bench.engine.profiles, default 1M). */
    private void engineOnly() throws Exception {
        Progress.log("machine: " + Machine.describe());
        SegmentEngineBench.section(settings, report);
        report.print();
    }

    /** The platform's own services, called as the demo source (bin/cdp runs identity-service with it). */
    private Scenarios platform(GrpcConnections tags) {
        return new Scenarios(settings.identityUrl(), settings.writeKey(), tags.channels());
    }
}
