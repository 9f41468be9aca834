package dev.cdp.bench;

import com.google.protobuf.Timestamp;
import dev.cdp.bench.report.Progress;
import dev.cdp.bench.report.Report;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.rules.Condition;
import dev.cdp.rules.Rule;
import dev.cdp.segment.engine.ProfileIndex;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * segment-service's bitmap engine ({@link ProfileIndex}) over N synthetic profiles against the same
 * questions as SQL over the same rows in PostgreSQL, in the same run: a five-condition segment, a
 * count, 100 segments recomputed. Every answer must agree. The profiles are generated a chunk at a
 * time into both the index and PostgreSQL's COPY, never held as a fixture, so 10M fits.
 */
final class SegmentEngineBench {

    static final Instant NOW = Instant.ofEpochMilli(SyntheticTags.NOW);
    static final String FIVE = "order_count_30d >= 1 AND total_spend > 100 AND last_channel != 'app'"
            + " AND last_seen_at WITHIN 7 DAYS AND event_count_30d BETWEEN 10 AND 60";
    static final String COUNT = "total_spend > 2500";
    private static final String[] CHANNELS = {"web", "app", "mini_program"};
    private static final int CHUNK = 100_000;

    private SegmentEngineBench() {}

    /** A question as a rule and as SQL's where clause over bench_profiles. */
    record Question(String rule, String where) {}

    /** Median of the last five of seven passes, ms, and the answers' total (members summed over the questions). */
    record Timing(double ms, long members) {}

    static void section(Settings settings, Report report) throws Exception {
        int profiles = Integer.getInteger("cdp.bench.engine.profiles", settings.quick() ? 100_000 : 1_000_000);
        report.section(
                String.format(Locale.ROOT, "Segment engine: bitmaps vs SQL over the same %,d profiles", profiles));
        try (Connection db = DriverManager.getConnection(
                        settings.jdbcUrl("postgres"), settings.pgUser(), settings.pgPassword());
                Statement sql = db.createStatement()) {
            long heapBefore = usedHeap();
            ProfileIndex index = load(profiles, db, sql);
            long heapAfter = usedHeap();
            long tagBytes = averageStoredTags(1000);

            Question five = new Question(
                    FIVE,
                    "order_count_30d >= 1 and total_spend > 100 and last_channel <> 'app'"
                            + " and last_seen_at >= timestamptz '" + NOW.minusSeconds(7 * 86_400)
                            + "' and event_count_30d between 10 and 60");
            Question count = new Question(COUNT, "total_spend > 2500");
            List<Question> hundred = hundred();

            Timing fiveEngine = engine(index, List.of(five));
            Timing fiveSql = sql(sql, List.of(five));
            Timing countEngine = engine(index, List.of(count));
            Timing countSql = sql(sql, List.of(count));
            Timing hundredEngine = engine(index, hundred);
            Timing hundredSql = sql(sql, hundred);
            agree("five conditions", fiveEngine, fiveSql);
            agree("count", countEngine, countSql);
            agree("100 segments", hundredEngine, hundredSql);

            report.format("Profiles generated a chunk at a time into the index and into `bench_profiles` by COPY"
                    + " (analyzed, no index: the engine's questions touch most rows). Medians of 5 passes"
                    + " after 2 warm-ups; every answer equal to PostgreSQL's.%n%n");
            report.append("| question | engine | SQL | SQL / engine |\n| --- | ---: | ---: | ---: |\n");
            row(report, "five conditions `" + FIVE + "` (" + fiveEngine.members() + " members)", fiveEngine, fiveSql);
            row(report, "count `" + COUNT + "` (" + countEngine.members() + ")", countEngine, countSql);
            row(
                    report,
                    "100 segments recomputed (" + hundredEngine.members() + " members in all)",
                    hundredEngine,
                    hundredSql);
            report.format(
                    "%nIndex memory: bitmaps %,d bytes (%.1f per profile); heap grown by %,d bytes while indexing"
                            + " (%.1f per profile, bitmaps with their sorted maps); segment-service also keeps each"
                            + " profile's OneID and its tags as a binary ProfileTags (%,d bytes on average here).%n",
                    index.bitmapBytes(),
                    index.bitmapBytes() / (double) profiles,
                    heapAfter - heapBefore,
                    (heapAfter - heapBefore) / (double) profiles,
                    tagBytes);
            summary(
                    report,
                    "five conditions",
                    profiles,
                    fiveEngine,
                    fiveSql,
                    "the same count",
                    "≤ 50 ms at 10M, ≥100×");
            summary(report, "100 segments", profiles, hundredEngine, hundredSql, "100 counts", "≤ 10 s at 10M");
        }
    }

    private static void summary(
            Report report, String what, int profiles, Timing engine, Timing sql, String baseline, String target) {
        report.summary(
                String.format(Locale.ROOT, "Segment engine, %s, %,d profiles", what, profiles),
                String.format(Locale.ROOT, "%.1f ms", engine.ms()),
                String.format(Locale.ROOT, "%.1f ms (%s in PostgreSQL)", sql.ms(), baseline),
                Report.ratio(engine.ms(), sql.ms()),
                target);
    }

    /** 100 segments of the kind a catalogue holds: thresholds and channels varied. */
    static List<Question> hundred() {
        List<Question> questions = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            int orders = k % 5;
            int spend = 50 * k;
            String channel = CHANNELS[k % 3];
            int days = 1 + k % 30;
            questions.add(new Question(
                    "order_count_30d >= " + orders + " AND (total_spend > " + spend + " OR last_channel = '" + channel
                            + "') AND last_seen_at WITHIN " + days + " DAYS",
                    "order_count_30d >= " + orders + " and (total_spend > " + spend + " or last_channel = '" + channel
                            + "') and last_seen_at >= timestamptz '" + NOW.minusSeconds(days * 86_400L) + "'"));
        }
        return questions;
    }

    private static ProfileIndex load(int profiles, Connection db, Statement sql)
            throws SQLException, java.io.IOException {
        sql.execute("drop table if exists bench_profiles");
        sql.execute("create table bench_profiles (one_id text, event_count_30d int, order_count_30d int,"
                + " order_count_total int, total_spend double precision, first_seen_at timestamptz,"
                + " last_seen_at timestamptz, last_channel text)");
        // A boundary bucket's values are generated again: the same as were indexed.
        ProfileIndex index = new ProfileIndex(i -> values(SyntheticTags.of(i)));
        for (int from = 0; from < profiles; from += CHUNK) {
            StringBuilder copy = new StringBuilder();
            for (int i = from; i < Math.min(profiles, from + CHUNK); i++) {
                Map<String, String> tags = SyntheticTags.of(i);
                index.add(i, values(tags));
                copy.append(RedisSeed.oneId(i));
                for (String tag : List.of(
                        "event_count_30d",
                        "order_count_30d",
                        "order_count_total",
                        "total_spend",
                        "first_seen_at",
                        "last_seen_at",
                        "last_channel")) {
                    String value = tags.get(tag);
                    copy.append('\t')
                            .append(
                                    tag.endsWith("_at")
                                            ? Instant.ofEpochMilli(Long.parseLong(value))
                                                    .toString()
                                            : value);
                }
                copy.append('\n');
            }
            db.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy bench_profiles from stdin", new StringReader(copy.toString()));
            if (from % 1_000_000 == 0) {
                Progress.log(String.format(Locale.ROOT, "segment engine: %,d profiles loaded", from));
            }
        }
        sql.execute("analyze bench_profiles");
        return index;
    }

    /** The values as segment-service's rules read them: numbers, text, times. */
    static Map<String, Object> values(Map<String, String> tags) {
        Map<String, Object> values = new HashMap<>();
        tags.forEach((tag, value) -> values.put(
                tag,
                tag.endsWith("_at")
                        ? Instant.ofEpochMilli(Long.parseLong(value))
                        : tag.equals("last_channel") ? value : (Object) Double.parseDouble(value)));
        return values;
    }

    /** One question's count, by the engine or by PostgreSQL. */
    private interface Counter {
        long count(Question question) throws SQLException;
    }

    private static Timing engine(ProfileIndex index, List<Question> questions) throws SQLException {
        Map<Question, Condition> compiled = new HashMap<>();
        questions.forEach(
                question -> compiled.put(question, Rule.compile(question.rule()).condition()));
        return time(
                questions,
                question -> index.evaluate(compiled.get(question), NOW, segment -> null)
                        .getLongCardinality());
    }

    private static Timing sql(Statement sql, List<Question> questions) throws SQLException {
        return time(questions, question -> {
            try (ResultSet result = sql.executeQuery("select count(*) from bench_profiles where " + question.where())) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    private static Timing time(List<Question> questions, Counter counter) throws SQLException {
        double[] passes = new double[7];
        long members = 0;
        for (int pass = 0; pass < passes.length; pass++) {
            long start = System.nanoTime();
            members = 0;
            for (Question question : questions) {
                members += counter.count(question);
            }
            passes[pass] = (System.nanoTime() - start) / 1e6;
        }
        return new Timing(SegmentEvaluation.median(passes), members);
    }

    private static void agree(String what, Timing engine, Timing sql) throws SQLException {
        if (engine.members() != sql.members()) {
            throw new SQLException(what + ": the engine counted " + engine.members() + ", SQL " + sql.members());
        }
    }

    private static void row(Report report, String question, Timing engine, Timing sql) {
        report.format("| %s | %.2f ms | %.1f ms | %.0f× |%n", question, engine.ms(), sql.ms(), sql.ms() / engine.ms());
    }

    private static long averageStoredTags(int sample) {
        long bytes = 0;
        for (int i = 0; i < sample; i++) {
            ProfileTags.Builder tags = ProfileTags.newBuilder();
            SyntheticTags.of(i)
                    .forEach((tag, value) -> tags.putTags(
                            tag,
                            tag.equals("last_channel")
                                    ? TagValue.newBuilder().setText(value).build()
                                    : tag.endsWith("_at")
                                            ? TagValue.newBuilder()
                                                    .setTime(Timestamp.newBuilder()
                                                            .setSeconds(Long.parseLong(value) / 1000)
                                                            .setNanos((int) (Long.parseLong(value) % 1000) * 1_000_000))
                                                    .build()
                                            : TagValue.newBuilder()
                                                    .setNumber(Double.parseDouble(value))
                                                    .build()));
            bytes += tags.build().getSerializedSize();
        }
        return bytes / sample;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
