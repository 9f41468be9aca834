package dev.cdp.platform.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** PostgreSQL, through the pool Hibernate Reactive uses. */
@ApplicationScoped
public class PostgresProbe implements StoreProbe {

    private final Pool pool;

    PostgresProbe(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Uni<Void> ping() {
        return pool.query("SELECT 1").execute().replaceWithVoid();
    }
}
