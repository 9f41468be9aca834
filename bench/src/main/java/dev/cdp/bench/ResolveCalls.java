package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.report.Report;
import dev.cdp.proto.v1.Identifier;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** IdentityService/Resolve and BatchResolve over gRPC: known people, new people, then merges of them. */
final class ResolveCalls {

    private static final int BATCH_RESOLVE_SIZE = 100;
    private static final int BATCH_RESOLVE_CALLERS = 8;

    private final Settings settings;
    private final Report report;

    ResolveCalls(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    /** @param people known to the identity-service on {@code port} */
    void measure(int port, List<Identifier> people, PostgresBaseline postgres) throws Exception {
        int concurrency = settings.concurrency();
        Duration warmup = settings.warmup();
        Duration measured = settings.measured();
        Latency reads = postgres.reads();
        try (GrpcConnections connections = GrpcConnections.to(port, settings.token())) {
            ResolveLoad resolve = new ResolveLoad(connections.channels(), people);
            // A pass not recorded: the calls' code paths in both JVMs are compiled before the measured ones.
            resolve.saturated(false, concurrency, Duration.ZERO, measured);
            Latency read = resolve.saturated(false, concurrency, warmup, measured);
            Latency create = resolve.saturated(true, concurrency, warmup, measured);
            Latency paced = resolve.atRate(false, read.achievedRate() / 2, warmup, measured);
            Latency low = resolve.atRate(false, 2000, warmup, measured);
            report.format(
                    "%n`IdentityService/Resolve` over gRPC (%d connections), one known person "
                            + "(user_id or anonymous_id) per call; baseline, same run: PostgreSQL single-row selects by primary key "
                            + "from %d JDBC connections %.0f/s, p95 %s ms.%n%n",
                    GrpcConnections.COUNT, PostgresBaseline.CONNECTIONS, reads.achievedRate(), Report.ms(reads.p95()));
            report.latencyTable(List.of(read, create, paced, low));
            report.summary(
                    "Resolve calls/s, known people (read only / create if missing), " + concurrency + " callers",
                    Report.rates(read.achievedRate(), create.achievedRate()),
                    postgres.selectRate(),
                    Report.ratios(read.achievedRate(), create.achievedRate(), reads.achievedRate()),
                    "≥ 20k/s");
            report.summary(
                    String.format(
                            Locale.ROOT, "Resolve p95 at %.0f / %.0f calls/s", paced.targetRate(), low.targetRate()),
                    Report.ms(paced.p95()) + " / " + Report.ms(low.p95()) + " ms",
                    postgres.selectP95(),
                    "",
                    "≤ 7 ms");

            Latency batchRead =
                    resolve.batchesSaturated(false, BATCH_RESOLVE_SIZE, BATCH_RESOLVE_CALLERS, warmup, measured);
            Latency batchCreate =
                    resolve.batchesSaturated(true, BATCH_RESOLVE_SIZE, BATCH_RESOLVE_CALLERS, warmup, measured);
            Latency batchHalf = resolve.batchesAtRate(
                    false, BATCH_RESOLVE_SIZE, Math.floor(batchRead.achievedRate() / 2), warmup, measured);
            // 25,000 resolutions/s: the 20k/s target with some headroom.
            Latency batchPaced =
                    resolve.batchesAtRate(false, BATCH_RESOLVE_SIZE, 25_000 / BATCH_RESOLVE_SIZE, warmup, measured);
            report.format(
                    "%n`IdentityService/BatchResolve`, %d known people per call (achieved/s counts calls; "
                            + "resolutions/s are %d× that), same people and baseline:%n%n",
                    BATCH_RESOLVE_SIZE, BATCH_RESOLVE_SIZE);
            report.latencyTable(List.of(batchRead, batchCreate, batchHalf, batchPaced));
            double perCall = BATCH_RESOLVE_SIZE;
            report.summary(
                    String.format(
                            Locale.ROOT,
                            "BatchResolve resolutions/s, %d known people per call (read only / create if missing), %d callers",
                            BATCH_RESOLVE_SIZE,
                            BATCH_RESOLVE_CALLERS),
                    Report.rates(batchRead.achievedRate() * perCall, batchCreate.achievedRate() * perCall),
                    postgres.selectRate(),
                    Report.ratios(
                            batchRead.achievedRate() * perCall,
                            batchCreate.achievedRate() * perCall,
                            reads.achievedRate()),
                    "≥ 20k/s");
            Latency created = resolve.newPeople(BATCH_RESOLVE_SIZE, BATCH_RESOLVE_CALLERS, warmup, measured);
            long mergesBefore = identityRows("merge_record");
            Latency linked = resolve.mergePairs(BATCH_RESOLVE_SIZE, BATCH_RESOLVE_CALLERS);
            long merges = identityRows("merge_record") - mergesBefore;
            double mergeRate = linked.count() == 0 ? 0 : merges / (linked.count() / linked.achievedRate());
            report.format(
                    "%nNew people, then merges: BatchResolve (create if missing) of %d people nobody "
                            + "has seen per call (members and, as separate entries, their app devices: one profile each); then every "
                            + "member and device pair created there linked, %d pairs per call (each entry merges two profiles). Merges "
                            + "are counted as rows committed to `merge_record` (%,d); each was also on `cdp.identity.changed` (acks=all) "
                            + "before its call answered.%n%n",
                    BATCH_RESOLVE_SIZE, BATCH_RESOLVE_SIZE, merges);
            report.latencyTable(List.of(created, linked));
            report.summary(
                    "New profiles/s (BatchResolve of " + BATCH_RESOLVE_SIZE + " new people per call)",
                    String.format(Locale.ROOT, "%.0f", created.achievedRate() * perCall),
                    postgres.upsertRate(),
                    Report.ratio(
                            created.achievedRate() * perCall, postgres.upserts().achievedRate()),
                    "");
            report.summary(
                    "Merges/s, durable (BatchResolve, " + BATCH_RESOLVE_SIZE + " links of two profiles per call)",
                    String.format(Locale.ROOT, "%.0f", mergeRate),
                    postgres.upsertRate(),
                    Report.ratio(mergeRate, postgres.upserts().achievedRate()),
                    "≥ 5k/s");
            report.summary(
                    String.format(
                            Locale.ROOT,
                            "BatchResolve p95 per call at %.0f / %.0f resolutions/s",
                            batchPaced.targetRate() * perCall,
                            batchHalf.targetRate() * perCall),
                    Report.ms(batchPaced.p95()) + " / " + Report.ms(batchHalf.p95()) + " ms",
                    postgres.selectP95(),
                    "",
                    "≤ 7 ms");
        }
    }

    /** Rows of one of identity-service's tables: the merges it committed, counted where they are durable. */
    private long identityRows(String table) throws SQLException {
        try (var connection = DriverManager.getConnection(
                        settings.jdbcUrl("cdp_identity"), settings.pgUser(), settings.pgPassword());
                var count = connection.createStatement().executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
        }
    }
}
