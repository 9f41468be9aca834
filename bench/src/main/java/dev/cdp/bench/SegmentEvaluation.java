package dev.cdp.bench;

import dev.cdp.bench.report.Report;
import dev.cdp.rules.Rule;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * A full evaluation of one segment over N profiles: segment-service's compiled rule over the
 * profiles' tags in memory, against the same predicate as plain SQL over the same rows in
 * PostgreSQL. Both must count the same members.
 */
final class SegmentEvaluation {

    static final String RULE = "order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')";
    static final String SQL =
            "select count(*) from bench_tags where order_count_30d >= 1 and (total_spend > 100 or not last_channel = 'app')";

    /** Medians of five passes, in ms, and the member counts. */
    record Result(int profiles, double ruleMs, long ruleMembers, double sqlMs, long sqlMembers) {}

    private SegmentEvaluation() {}

    /** Measures over the run's profiles and writes the section and its summary row. */
    static void section(Settings settings, Report report) throws Exception {
        report.section("Segment evaluation: one rule over every profile, in memory vs plain SQL");
        Result segment =
                run(settings.profiles(), settings.jdbcUrl("postgres"), settings.pgUser(), settings.pgPassword());
        check(segment);
        report.format(
                "Rule `%s` over %,d profiles (%,d members): compiled rule %.1f ms "
                        + "(%.1f M profiles/s); the same predicate as `%s` in PostgreSQL: %.1f ms. Medians of 5 passes after 2 warm-ups.%n",
                RULE,
                segment.profiles(),
                segment.ruleMembers(),
                segment.ruleMs(),
                segment.profiles() / segment.ruleMs() / 1000.0,
                SQL,
                segment.sqlMs());
        report.summary(
                String.format(Locale.ROOT, "Segment full evaluation, %,d profiles", segment.profiles()),
                String.format(Locale.ROOT, "%.1f ms", segment.ruleMs()),
                String.format(Locale.ROOT, "%.1f ms (plain SQL count in PostgreSQL)", segment.sqlMs()),
                Report.ratio(segment.ruleMs(), segment.sqlMs()),
                "");
    }

    static Result run(int profiles, String url, String user, String password) throws Exception {
        List<Map<String, Object>> tags = new ArrayList<>(profiles);
        StringBuilder copy = new StringBuilder();
        for (int i = 0; i < profiles; i++) {
            Map<String, String> stored = SyntheticTags.of(i);
            Map<String, Object> typed = new HashMap<>();
            typed.put("order_count_30d", Double.parseDouble(stored.get("order_count_30d")));
            typed.put("total_spend", Double.parseDouble(stored.get("total_spend")));
            typed.put("last_channel", stored.get("last_channel"));
            tags.add(typed);
            copy.append(RedisSeed.oneId(i))
                    .append('\t')
                    .append(stored.get("order_count_30d"))
                    .append('\t')
                    .append(stored.get("total_spend"))
                    .append('\t')
                    .append(stored.get("last_channel"))
                    .append('\n');
        }

        Rule rule = Rule.compile(RULE);
        double[] ruleTimes = new double[7];
        long ruleMembers = 0;
        for (int pass = 0; pass < ruleTimes.length; pass++) {
            long start = System.nanoTime();
            long members = 0;
            for (Map<String, Object> profile : tags) {
                if (rule.matches(profile)) {
                    members++;
                }
            }
            ruleTimes[pass] = (System.nanoTime() - start) / 1e6;
            ruleMembers = members;
        }

        try (Connection db = DriverManager.getConnection(url, user, password);
                Statement sql = db.createStatement()) {
            sql.execute("drop table if exists bench_tags");
            sql.execute(
                    "create table bench_tags (one_id text primary key, order_count_30d int, total_spend numeric, last_channel text)");
            db.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy bench_tags from stdin", new StringReader(copy.toString()));
            sql.execute("analyze bench_tags");
            double[] sqlTimes = new double[7];
            long sqlMembers = 0;
            for (int pass = 0; pass < sqlTimes.length; pass++) {
                long start = System.nanoTime();
                try (ResultSet result = sql.executeQuery(SQL)) {
                    result.next();
                    sqlMembers = result.getLong(1);
                }
                sqlTimes[pass] = (System.nanoTime() - start) / 1e6;
            }
            // The first passes warm the JIT and PostgreSQL's cache: take the median of the last five.
            return new Result(profiles, median(ruleTimes), ruleMembers, median(sqlTimes), sqlMembers);
        }
    }

    static double median(double[] passes) {
        double[] last = Arrays.copyOfRange(passes, 2, passes.length);
        Arrays.sort(last);
        return last[last.length / 2];
    }

    static void check(Result result) throws SQLException {
        if (result.ruleMembers() != result.sqlMembers()) {
            throw new SQLException("the rule counted " + result.ruleMembers() + " members, SQL " + result.sqlMembers());
        }
    }
}
