package dev.cdp.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the service under test and its test Redis or PostgreSQL, so a
 * test can take the store away: {@code @WithTestResource(value = StoreBehindProxy.class,
 * initArgs = @ResourceArg(name = "store", value = "redis"))}, or {@code "postgresql"} with a
 * {@code "database"} argument.
 */
public class StoreBehindProxy implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy proxy;
    private String store;
    private String database;

    /** The proxy of the running test's store. */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void init(Map<String, String> args) {
        store = args.getOrDefault("store", "redis");
        database = args.get("database");
    }

    @Override
    public Map<String, String> start() {
        if (store.equals("postgresql")) {
            proxy = TcpProxy.to("127.0.0.1", port("CDP_PG_PORT", 5432));
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        }
        proxy = TcpProxy.to("127.0.0.1", port("CDP_REDIS_PORT", 6379));
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        proxy.close();
    }

    private static int port(String variable, int fallback) {
        String configured = System.getenv(variable);
        return configured == null || configured.isBlank() ? fallback : Integer.parseInt(configured);
    }
}
