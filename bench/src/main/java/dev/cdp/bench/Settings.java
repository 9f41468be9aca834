package dev.cdp.bench;

import dev.cdp.datagen.Main;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What bin/bench passes the driver: how long and how large the run is (system properties), and
 * where the platform listens (the environment of {@code bin/infra env} and {@code bin/cdp env}).
 *
 * @param concurrency callers of the saturated steps
 * @param readRounds interleaved rounds of each tag-read series at each rate
 */
record Settings(
        Path root,
        Path home,
        boolean quick,
        int profiles,
        int concurrency,
        Duration warmup,
        int readRounds,
        Duration measured) {

    static Settings fromSystem() {
        Path root = Path.of(System.getProperty("cdp.root", "."));
        boolean quick = Boolean.getBoolean("cdp.bench.quick");
        return new Settings(
                root,
                Path.of(env("CDP_HOME", root.resolve(".cdp").toString())),
                quick,
                Integer.getInteger("cdp.bench.profiles", quick ? 10_000 : 100_000),
                32,
                Duration.ofSeconds(quick ? 1 : 3),
                quick ? 1 : 3,
                Duration.ofSeconds(quick ? 3 : 10));
    }

    /** identity-service's Segment API, as {@code bin/cdp up} runs it. */
    String identityUrl() {
        return "http://127.0.0.1:8081";
    }

    /** The write key of the source the load is sent as: bin/cdp runs identity-service with the demo source. */
    String writeKey() {
        return env("CDP_DEMO_WRITE_KEY", Main.DEMO_WRITE_KEY);
    }

    /** An access token of the service role, which the driver's gRPC calls carry. */
    String token() {
        return env("CDP_BENCH_TOKEN", "");
    }

    /** An access token of the marketer role, to define the membership probe's segment (CDP_BENCH_MARKETER_TOKEN). */
    String marketerToken() {
        return env("CDP_BENCH_MARKETER_TOKEN", "");
    }

    /** segment-service's port, HTTP and gRPC alike, as {@code bin/cdp up} runs it. */
    int segmentPort() {
        return 8083;
    }

    int tagGrpcPort() {
        return Integer.parseInt(env("CDP_TAG_GRPC_PORT", "9082"));
    }

    String kafka() {
        return env("CDP_KAFKA", "127.0.0.1:9092");
    }

    int redisPort() {
        return Integer.parseInt(env("CDP_REDIS_PORT", "6379"));
    }

    /** The local PostgreSQL database's JDBC URL (CDP_PG_PORT). */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + env("CDP_PG_PORT", "5432") + "/" + database;
    }

    String pgUser() {
        return env("CDP_PG_USER", "cdp");
    }

    String pgPassword() {
        return env("CDP_PG_PASSWORD", "cdp");
    }

    /** Extra JVM options for the identity-service the bench starts, e.g. a flight recording to profile it. */
    String identityJavaOptions() {
        return env("CDP_BENCH_IDENTITY_JAVA_OPTS", "");
    }

    /** Where a step writes the log of a process it starts. */
    Path logFile(String name) {
        return home.resolve("logs/" + name);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
