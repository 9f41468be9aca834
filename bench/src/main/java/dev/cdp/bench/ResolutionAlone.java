package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.metrics.Prometheus;
import dev.cdp.bench.process.StartedProcess;
import dev.cdp.bench.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * identity-service's own throughput, the figure issue #4 sets a target for. A second
 * identity-service on the same database publishes to topics of its own, so the services
 * downstream stay idle and the two cores go to resolution, PostgreSQL and Kafka.
 */
final class ResolutionAlone {

    private static final int BENCH_IDENTITY_PORT = 8091;
    private static final String BENCH_RESOLVED = "cdp.bench.resolved";
    private static final String BENCH_CHANGED = "cdp.bench.identity-changed";
    private static final String BENCH_RAW = "cdp.bench.raw";

    private final Settings settings;
    private final Report report;

    ResolutionAlone(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    void measure(Lag lag, PostgresBaseline postgres) throws Exception {
        report.section("Identity resolution alone: POST /v1/batch to an identity-service whose output nobody consumes");
        lag.ensureTopic(BENCH_RESOLVED, 6);
        lag.ensureTopic(BENCH_CHANGED, 6);
        lag.ensureTopic(BENCH_RAW, 6);
        Duration warmup = settings.warmup();
        Duration measured = settings.measured();
        Latency upserts = postgres.upserts();
        try (StartedProcess identity = startIdentityService()) {
            String url = "http://127.0.0.1:" + BENCH_IDENTITY_PORT;
            String management = "http://127.0.0.1:" + (BENCH_IDENTITY_PORT + 100);
            identity.awaitReady(management);
            Duration cpuAtReady = identity.cpu();
            Scenarios scenarios = new Scenarios(url, settings.writeKey(), List.of());
            long seed = System.nanoTime();
            int events = settings.quick() ? 30_000 : 250_000;
            AtomicInteger firstPass = new AtomicInteger();
            Latency fresh = scenarios.ingestSaturated(
                    "new customers, batches of 500, 4 callers",
                    4,
                    500,
                    Scenarios.batches(events, 500, seed, false),
                    firstPass,
                    warmup,
                    measured);
            // The same people again (only those the first step sent), with new events: everything is known.
            int returningEvents = Math.min(events, firstPass.get() * 500);
            List<String> again = Scenarios.batches(returningEvents, 500, seed, true);
            Latency returning = scenarios.ingestSaturated(
                    "returning customers, batches of 500, 4 callers",
                    4,
                    500,
                    again,
                    new AtomicInteger(),
                    warmup,
                    measured);
            List<String> small = Scenarios.batches(returningEvents, 50, seed, true);
            Latency smallBatches = scenarios.ingestSaturated(
                    "returning customers, batches of 50, 8 callers",
                    8,
                    50,
                    small,
                    new AtomicInteger(),
                    warmup,
                    measured);
            Latency paced = scenarios.ingestAtRate(returning.achievedRate() / 2, 50, small, warmup, measured);
            List<String> mixed = Scenarios.batchesInTimeOrder(returningEvents, 50, seed, true);
            Latency mixedBatches = scenarios.ingestSaturated(
                    "returning customers in time order, batches of 50, 8 callers",
                    8,
                    50,
                    mixed,
                    new AtomicInteger(),
                    warmup,
                    measured);
            Latency mixedPaced = scenarios.ingestAtRate(
                    "in time order, ", mixedBatches.achievedRate() / 2, 50, mixed, warmup, measured);
            report.latencyTable(List.of(fresh, returning, smallBatches, paced, mixedBatches, mixedPaced));
            report.format(
                    "%nBatches that lost a race over the same people and ran again "
                            + "(`cdp_ingest_batch_conflicts_total`), all steps: %s.%n",
                    Prometheus.metric(management, "cdp_ingest_batch_conflicts_total"));
            double raw = rawTopic(lag, Scenarios.rawEvents(returningEvents, seed, "raw-" + seed + "-"));
            report.format(
                    "%n`cdp.events.raw`: %d single-event records of returning customers, "
                            + "produced as fast as the broker takes them, resolved at %.0f events/s (from the first record sent to the "
                            + "last resolved event on the output topic).%n",
                    returningEvents, raw);
            // CPU time varies less than throughput with what else the shared machine does.
            double accepted =
                    Double.parseDouble(Prometheus.metric(management, "cdp_ingest_events_total{outcome=\"accepted\""));
            report.format(
                    "%nidentity-service CPU per event accepted, all steps: %.0f µs (%,.0f events).%n",
                    identity.cpu().minus(cpuAtReady).toNanos() / 1e3 / accepted, accepted);
            report.format(
                    "%nRates are events resolved per second; latencies are those of a whole "
                            + "batch. New customers: every generated person's first events (profiles created, devices merged into "
                            + "members, traits and consent recorded). Returning customers come person after person (a batch of 50 "
                            + "holds a handful of people, neighbouring batches share one) or in time order, as a busy source sends "
                            + "them (a batch holds about 50 people). Baseline, same run: PostgreSQL single-row upserts %.0f/s.%n",
                    upserts.achievedRate());
            new ResolveCalls(settings, report)
                    .measure(BENCH_IDENTITY_PORT, ResolveLoad.people(again, 20_000), postgres);
            report.summary(
                    "Resolutions/s, identity-service alone (new / returning customers)",
                    Report.rates(fresh.achievedRate(), returning.achievedRate()),
                    postgres.upsertRate(),
                    Report.ratios(fresh.achievedRate(), returning.achievedRate(), upserts.achievedRate()),
                    "≥ 20k/s");
            report.summary(
                    "Resolutions/s from `cdp.events.raw` (single-event records, returning customers)",
                    String.format(Locale.ROOT, "%.0f", raw),
                    postgres.upsertRate(),
                    Report.ratio(raw, upserts.achievedRate()),
                    "≥ 20k/s");
            report.summary(
                    "Resolutions/s, returning customers in batches of 50 (person after person / in time order)",
                    Report.rates(smallBatches.achievedRate(), mixedBatches.achievedRate()),
                    postgres.upsertRate(),
                    Report.ratios(smallBatches.achievedRate(), mixedBatches.achievedRate(), upserts.achievedRate()),
                    "≥ 20k/s");
            report.summary(
                    String.format(
                            Locale.ROOT,
                            "Resolution p95, batches of 50 at %.0f / %.0f events/s",
                            paced.targetRate(),
                            mixedPaced.targetRate()),
                    Report.ms(paced.p95()) + " / " + Report.ms(mixedPaced.p95()) + " ms",
                    "",
                    "",
                    "≤ 7 ms");
        }
    }

    /** An identity-service of the bench's own: on its own ports, publishing to and reading from the bench's topics. */
    private StartedProcess startIdentityService() throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
        command.addAll(Arrays.asList(settings.identityJavaOptions().split(" +")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of(
                "-Dquarkus.http.port=" + BENCH_IDENTITY_PORT,
                "-Dquarkus.management.port=" + (BENCH_IDENTITY_PORT + 100),
                "-Dmp.messaging.outgoing.events-resolved.topic=" + BENCH_RESOLVED,
                "-Dmp.messaging.outgoing.identity-changed.topic=" + BENCH_CHANGED,
                "-Dmp.messaging.incoming.events-raw.topic=" + BENCH_RAW,
                "-Dmp.messaging.incoming.events-raw.group.id=cdp-bench-raw",
                "-Dmp.messaging.incoming.privacy-confirmations.enabled=false",
                "-jar",
                settings.root()
                        .resolve("identity-service/target/quarkus-app/quarkus-run.jar")
                        .toString()));
        return StartedProcess.start(
                "the bench's identity-service", command, Map.of(), settings.logFile("bench-identity-service.log"));
    }

    /** Sends the records to the bench instance's raw topic and times until all of them are resolved. */
    private double rawTopic(Lag lag, List<String[]> records) throws Exception {
        long before = lag.end(BENCH_RESOLVED);
        Properties props = new Properties();
        props.put("bootstrap.servers", settings.kafka());
        props.put("acks", "all");
        props.put("linger.ms", "5");
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, String>(props, new StringSerializer(), new StringSerializer())) {
            byte[] writeKey = settings.writeKey().getBytes(StandardCharsets.UTF_8);
            for (String[] record : records) {
                var out = new ProducerRecord<>(BENCH_RAW, record[0], record[1]);
                out.headers().add("cdp-write-key", writeKey);
                producer.send(out);
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (lag.end(BENCH_RESOLVED) - before < records.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the raw records were not all resolved within 5 minutes");
            }
            Thread.sleep(50);
        }
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }
}
