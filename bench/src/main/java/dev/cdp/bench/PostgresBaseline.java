package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.report.Report;
import java.sql.SQLException;
import java.util.Locale;

/** PostgreSQL's single-row upserts and selects by key, in the same run: what resolution is compared with. */
record PostgresBaseline(Latency upserts, Latency reads) {

    static final int CONNECTIONS = 8;

    static PostgresBaseline measure(Settings settings) throws SQLException, InterruptedException {
        String url = settings.jdbcUrl("postgres");
        Latency upserts = Baselines.postgresUpserts(
                url, settings.pgUser(), settings.pgPassword(), CONNECTIONS, settings.warmup(), settings.measured());
        Latency reads = Baselines.postgresPointReads(
                url, settings.pgUser(), settings.pgPassword(), CONNECTIONS, settings.warmup(), settings.measured());
        return new PostgresBaseline(upserts, reads);
    }

    /** Both, as items of the baselines' list. */
    void describe(Report report) {
        report.format(
                "- PostgreSQL single-row upserts (one per transaction), %d connections: %.0f/s, p50 %s ms, p99 %s ms%n",
                CONNECTIONS, upserts.achievedRate(), Report.ms(upserts.p50()), Report.ms(upserts.p99()));
        report.format(
                "- PostgreSQL single-row selects by primary key, %d connections: %.0f/s, p50 %s ms, p95 %s ms%n",
                CONNECTIONS, reads.achievedRate(), Report.ms(reads.p50()), Report.ms(reads.p95()));
    }

    /** The summary table's baseline cell for figures compared with the upserts. */
    String upsertRate() {
        return String.format(Locale.ROOT, "%.0f/s (PostgreSQL single-row upserts)", upserts.achievedRate());
    }

    /** The summary table's baseline cell for figures compared with the selects. */
    String selectRate() {
        return String.format(Locale.ROOT, "%.0f/s (PostgreSQL single-row selects)", reads.achievedRate());
    }

    /** The summary table's baseline cell for latencies compared with the selects'. */
    String selectP95() {
        return String.format(Locale.ROOT, "%s ms (PostgreSQL select p95, saturated)", Report.ms(reads.p95()));
    }
}
