package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.load.LoadLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The raw servers measured with their own tools, in the same run as the platform. */
final class Baselines {

    private Baselines() {}

    /** redis-benchmark HGETALL over the seeded keys: requests/s and latency in ms (avg, p50, p95, p99, max). */
    static double[] redisHgetall(int port, int clients, int requests, int keyspace)
            throws IOException, InterruptedException {
        String csv = run(List.of(
                "redis-benchmark",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-c",
                Integer.toString(clients),
                "-n",
                Integer.toString(requests),
                "-r",
                Integer.toString(keyspace),
                "--csv",
                "HGETALL",
                RedisSeed.KEY_PREFIX + "__rand_int__}"));
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        String[] row = csv.lines()
                .filter(l -> l.startsWith("\"HGETALL"))
                .findFirst()
                .orElseThrow(() -> new IOException("redis-benchmark printed no result: " + csv))
                .replace("\"", "")
                .split(",");
        return new double[] {
            Double.parseDouble(row[1]),
            Double.parseDouble(row[2]),
            Double.parseDouble(row[4]),
            Double.parseDouble(row[5]),
            Double.parseDouble(row[6]),
            Double.parseDouble(row[7])
        };
    }

    /** Kafka's own producer perf tool: records/s and latency in ms (avg, p50, p99), acks=all like the services. */
    static double[] kafkaProducer(String bootstrap, String topic, int records, int recordSize)
            throws IOException, InterruptedException {
        String out = run(List.of(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all",
                "linger.ms=5"));
        Matcher m = Pattern.compile(
                        "records sent, ([0-9.]+) records/sec .*?, ([0-9.]+) ms avg latency, [0-9.]+ ms max latency, "
                                + "([0-9.]+) ms 50th, [0-9.]+ ms 95th, ([0-9.]+) ms 99th")
                .matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            throw new IOException("ProducerPerformance printed no summary: " + out);
        }
        m = Pattern.compile("([0-9.]+) records/sec .*?, ([0-9.]+) ms avg latency, [0-9.]+ ms max latency, "
                        + "([0-9.]+) ms 50th, [0-9.]+ ms 95th, ([0-9.]+) ms 99th")
                .matcher(last);
        m.find();
        return new double[] {
            Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4))
        };
    }

    /** Single-row upserts, one per statement and transaction, from {@code threads} JDBC connections. */
    static Latency postgresUpserts(
            String url, String user, String password, int threads, Duration warmup, Duration measured)
            throws SQLException, InterruptedException {
        return postgresStatements(
                "postgres single-row upsert",
                "insert into bench_upsert (k, v, at) values (?, 1, now()) "
                        + "on conflict (k) do update set v = bench_upsert.v + 1, at = now()",
                url,
                user,
                password,
                threads,
                warmup,
                measured);
    }

    /** Single-row reads by primary key of the upserts' table, from {@code threads} JDBC connections. */
    static Latency postgresPointReads(
            String url, String user, String password, int threads, Duration warmup, Duration measured)
            throws SQLException, InterruptedException {
        return postgresStatements(
                "postgres single-row select by key",
                "select v, at from bench_upsert where k = ?",
                url,
                user,
                password,
                threads,
                warmup,
                measured);
    }

    /** One statement on a random key of a million, as fast as {@code threads} JDBC connections run it. */
    private static Latency postgresStatements(
            String name,
            String sql,
            String url,
            String user,
            String password,
            int threads,
            Duration warmup,
            Duration measured)
            throws SQLException, InterruptedException {
        try (Connection setup = DriverManager.getConnection(url, user, password);
                Statement ddl = setup.createStatement()) {
            ddl.execute(
                    "create table if not exists bench_upsert (k text primary key, v bigint not null, at timestamptz not null)");
        }
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // One connection per pool thread, as a JDBC connection serves one caller at a time.
            ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = DriverManager.getConnection(url, user, password);
                    connections.add(c);
                    return c.prepareStatement(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return LoadLoop.closedLoop(
                    name,
                    threads,
                    warmup,
                    measured,
                    () -> CompletableFuture.runAsync(
                            () -> {
                                try {
                                    PreparedStatement statement = statements.get();
                                    statement.setString(
                                            1, "k" + ThreadLocalRandom.current().nextInt(1_000_000));
                                    statement.execute();
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            pool));
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
