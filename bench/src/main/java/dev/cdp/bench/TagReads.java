package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.process.StartedProcess;
import dev.cdp.bench.report.Progress;
import dev.cdp.bench.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GetTags against HGETALL on the same keys (from this driver on the same schedule, and from
 * redis-benchmark) and against two floors answering from memory: a bare grpc-java server and
 * tag-service's own gRPC stack.
 */
final class TagReads {

    private static final int GRPC_FLOOR_PORT = 8095;
    private static final int QUARKUS_FLOOR_PORT = 8096;
    private static final int QUARKUS_FLOOR_HTTP_PORT = 8097;
    private static final String QUARKUS_FLOOR_JAR = "bench/quarkus-floor/target/quarkus-app/quarkus-run.jar";

    private final Settings settings;
    private final Report report;

    TagReads(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    /** One series of the tag-read table, measured at a fixed rate. */
    private interface AtRate {
        Latency at(double rate) throws InterruptedException;
    }

    /**
     * @param rows the table's rows: the median rounds at each rate, then the saturated runs
     * @param rounds every round of every series, by rate
     * @param atMiddle the median rounds at the middle rate, in the order of the series
     */
    private record Reads(
            List<Latency> rows, List<List<List<Latency>>> rounds, List<Latency> atMiddle, Latency saturated) {}

    void measure(Scenarios scenarios, int redisPort) throws Exception {
        int profiles = settings.profiles();
        int concurrency = settings.concurrency();
        report.section(
                "Tag reads: GetTags over gRPC (" + GrpcConnections.COUNT + " connections) vs HGETALL on the same keys, "
                        + "from this driver on the same schedule and from redis-benchmark");
        Progress.log("seeding " + profiles + " profiles' tags into Redis");
        RedisSeed.seed("127.0.0.1", redisPort, profiles);
        double[] redis = Baselines.redisHgetall(redisPort, concurrency, settings.quick() ? 50_000 : 300_000, profiles);
        // The services were just restarted: let the JIT compile the read path before measuring it.
        scenarios.getTagsSaturated(concurrency, profiles, Duration.ZERO, jitWarmup());
        Reads reads = measureWithFloors(scenarios, redisPort);
        report.latencyTable(reads.rows());
        report.format(
                "%nEach fixed-rate row is the median of %d interleaved rounds by p99 "
                        + "(raw Redis, GetTags, the two floors, then again); every round's p99 in ms:",
                settings.readRounds());
        report.append(reads.rounds().stream()
                        .flatMap(List::stream)
                        .map(series -> " " + series.get(0).name() + ": "
                                + series.stream().map(l -> Report.ms(l.p99())).collect(Collectors.joining(", ")))
                        .collect(Collectors.joining(";"))
                + ".\n");
        report.format(
                "%nBaseline, same run: `redis-benchmark -c %d HGETALL` over the same %,d keys: "
                        + "%.0f req/s, p50 %.3f ms, p99 %.3f ms. The gRPC floor is a bare grpc-java server in a JVM of its own "
                        + "answering every GetTags with the same ProfileTags from memory (`GrpcFloor`): what the HTTP/2 and gRPC hop "
                        + "alone costs here, with no framework, Redis or decoding. The quarkus-grpc floor (`bench/quarkus-floor`) answers the same "
                        + "from memory through tag-service's gRPC stack (quarkus-grpc's own server, a Mutiny service, Micrometer): "
                        + "the least GetTags can cost with quarkus-grpc on this machine.%n",
                concurrency, profiles, redis[0], redis[2], redis[4]);
        summarise(reads, redis);
    }

    /** Raw Redis, GetTags and the two floors at each rate in interleaved rounds, then saturated. */
    private Reads measureWithFloors(Scenarios scenarios, int redisPort) throws Exception {
        int profiles = settings.profiles();
        int concurrency = settings.concurrency();
        Duration warmup = settings.warmup();
        Duration measured = settings.measured();
        Path answer = settings.home().resolve("bench-floor-answer.bin");
        Files.write(answer, scenarios.getTags(RedisSeed.oneId(1)).toByteArray());
        try (StartedProcess floorJvm = startFloor(
                        List.of(
                                "java",
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                GrpcFloor.class.getName(),
                                Integer.toString(GRPC_FLOOR_PORT),
                                answer.toString()),
                        Map.of(),
                        GRPC_FLOOR_PORT,
                        "bench-grpc-floor.log");
                StartedProcess quarkusJvm = startFloor(
                        List.of(
                                "java",
                                "-Xmx256m",
                                "-jar",
                                settings.root().resolve(QUARKUS_FLOOR_JAR).toString()),
                        Map.of(
                                "CDP_GRPC_PORT",
                                Integer.toString(QUARKUS_FLOOR_PORT),
                                "CDP_HTTP_PORT",
                                Integer.toString(QUARKUS_FLOOR_HTTP_PORT),
                                "CDP_FLOOR_ANSWER",
                                answer.toString()),
                        QUARKUS_FLOOR_PORT,
                        "bench-quarkus-floor.log");
                GrpcConnections floorConnections = GrpcConnections.to(GRPC_FLOOR_PORT, settings.token());
                GrpcConnections quarkusConnections = GrpcConnections.to(QUARKUS_FLOOR_PORT, settings.token());
                RawRedisReads raw = new RawRedisReads(redisPort, GrpcConnections.COUNT)) {
            Scenarios floor = new Scenarios("", "", floorConnections.channels());
            Scenarios quarkusFloor = new Scenarios("", "", quarkusConnections.channels());
            for (Scenarios server : List.of(floor, quarkusFloor)) {
                server.getTagsSaturated(concurrency, profiles, Duration.ZERO, jitWarmup());
            }
            raw.atRate(
                    1000, profiles, Duration.ZERO, settings.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(10));
            // In this order in every round, and in the table: raw Redis, GetTags, the bare floor, the quarkus-grpc
            // floor.
            List<AtRate> series = List.of(
                    rate -> raw.atRate(rate, profiles, warmup, measured),
                    rate -> scenarios.getTagsAtRate(rate, profiles, warmup, measured),
                    rate -> floor.getTagsAtRate(rate, profiles, warmup, measured)
                            .named(String.format(Locale.ROOT, "gRPC floor at %.0f/s", rate)),
                    rate -> quarkusFloor
                            .getTagsAtRate(rate, profiles, warmup, measured)
                            .named(String.format(Locale.ROOT, "quarkus-grpc floor at %.0f/s", rate)));
            List<Latency> rows = new ArrayList<>();
            List<List<List<Latency>>> rounds = new ArrayList<>();
            List<Latency> atMiddle = List.of();
            double[] rates = settings.quick() ? new double[] {1000} : new double[] {1000, 3000, 6000};
            for (double rate : rates) {
                // Interleaved rounds: a stall of this shared machine lands in one round of one series, and
                // the median round is not decided by it.
                List<List<Latency>> bySeries = new ArrayList<>();
                series.forEach(ignored -> bySeries.add(new ArrayList<>()));
                for (int round = 0; round < settings.readRounds(); round++) {
                    for (int i = 0; i < series.size(); i++) {
                        bySeries.get(i).add(series.get(i).at(rate));
                    }
                }
                List<Latency> medians =
                        bySeries.stream().map(TagReads::medianRound).toList();
                rows.addAll(medians);
                rounds.add(bySeries);
                if (rate == rates[rates.length / 2]) {
                    atMiddle = medians;
                }
            }
            Latency saturated = scenarios.getTagsSaturated(concurrency, profiles, warmup, measured);
            rows.add(saturated);
            rows.add(floor.getTagsSaturated(concurrency, profiles, warmup, measured)
                    .named("gRPC floor saturated, " + concurrency + " callers"));
            rows.add(quarkusFloor
                    .getTagsSaturated(concurrency, profiles, warmup, measured)
                    .named("quarkus-grpc floor saturated, " + concurrency + " callers"));
            return new Reads(rows, rounds, atMiddle, saturated);
        }
    }

    /** GetTags against redis-benchmark, raw Redis from this driver and the floors, in the summary table. */
    private void summarise(Reads reads, double[] redis) {
        int concurrency = settings.concurrency();
        Latency saturated = reads.saturated();
        Latency rawAtMiddle = reads.atMiddle().get(0);
        Latency tagsAtMiddle = reads.atMiddle().get(1);
        Latency floorAtMiddle = reads.atMiddle().get(2);
        Latency quarkusAtMiddle = reads.atMiddle().get(3);
        report.summary(
                "GetTags p99, " + concurrency + " callers (saturation)",
                Report.ms(saturated.p99()) + " ms",
                String.format(Locale.ROOT, "%.3f ms (redis-benchmark HGETALL -c %d)", redis[4], concurrency),
                Report.ratio(saturated.p99() / 1000.0, redis[4]),
                "≤ 2×");
        report.summary(
                String.format(Locale.ROOT, "GetTags p99 at %.0f/s", tagsAtMiddle.targetRate()),
                Report.ms(tagsAtMiddle.p99()) + " ms",
                Report.ms(rawAtMiddle.p99()) + " ms (HGETALL from the same driver, same schedule)",
                Report.ratio(tagsAtMiddle.p99(), rawAtMiddle.p99()),
                "≤ 2×");
        report.summary(
                String.format(Locale.ROOT, "GetTags p99 at %.0f/s against the gRPC floor", tagsAtMiddle.targetRate()),
                Report.ms(tagsAtMiddle.p99()) + " ms",
                Report.ms(floorAtMiddle.p99()) + " ms (bare grpc-java server, fixed answer, same schedule)",
                Report.ratio(tagsAtMiddle.p99(), floorAtMiddle.p99()),
                "");
        report.summary(
                String.format(
                        Locale.ROOT,
                        "Least GetTags p99 at %.0f/s with quarkus-grpc (fixed answer from memory)",
                        quarkusAtMiddle.targetRate()),
                Report.ms(quarkusAtMiddle.p99()) + " ms",
                Report.ms(rawAtMiddle.p99()) + " ms (HGETALL from the same driver, same schedule)",
                Report.ratio(quarkusAtMiddle.p99(), rawAtMiddle.p99()),
                "");
        report.summary(
                "GetTags throughput at saturation",
                String.format(Locale.ROOT, "%.0f/s", saturated.achievedRate()),
                String.format(Locale.ROOT, "%.0f/s (redis-benchmark)", redis[0]),
                String.format(Locale.ROOT, "%.0f%%", 100 * saturated.achievedRate() / redis[0]),
                "≥ 50%, ≥ 15k/s");
    }

    /** Calls before the measured ones, so the JIT has compiled the read path of the server called. */
    private Duration jitWarmup() {
        return settings.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(20);
    }

    /** The round whose p99 is the median of the rounds'. */
    private static Latency medianRound(List<Latency> rounds) {
        List<Latency> byP99 =
                rounds.stream().sorted(Comparator.comparingLong(Latency::p99)).toList();
        return byP99.get(byP99.size() / 2);
    }

    /** A floor server ({@link GrpcFloor}, the quarkus-grpc floor) in a JVM of its own, once it listens on {@code port}. */
    private StartedProcess startFloor(List<String> command, Map<String, String> env, int port, String log)
            throws IOException, InterruptedException {
        return StartedProcess.start("a floor server", command, env, settings.logFile(log))
                .awaitListening(port, Duration.ofSeconds(30));
    }
}
