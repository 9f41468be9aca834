package dev.cdp.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work in a transaction and runs it again when it lost a race: two instances creating the
 * same profile or identifier at once collide on a unique key, two writers locking the same rows in
 * a circle are told apart by a deadlock, and the retry finds what the winner wrote.
 */
public final class Transactions {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Unique violation, serialization failure, deadlock. */
    private static final Set<String> CONFLICTS = Set.of(UNIQUE_VIOLATION, "40001", "40P01");

    private static final int MAX_ATTEMPTS = 4;
    /** Batches racing over the same profiles may each lose a few times before their turn. */
    private static final int MAX_POOL_ATTEMPTS = 10;

    private Transactions() {}

    /** A Hibernate Reactive (Panache) transaction. */
    public static <T> Uni<T> withRetryOnConflict(Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(work))
                .onFailure(Transactions::isConflict)
                .retry()
                .atMost(MAX_ATTEMPTS - 1);
    }

    /** A transaction on one connection of the pool, for work written in SQL. */
    public static <T> Uni<T> withRetryOnConflict(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> pool.withTransaction(work))
                .onFailure(Transactions::isConflict)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .atMost(MAX_POOL_ATTEMPTS - 1);
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return UNIQUE_VIOLATION.equals(sqlState(failure));
    }

    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrentChangeException) {
                return true;
            }
        }
        String state = sqlState(failure);
        return state != null && CONFLICTS.contains(state);
    }

    /** Hibernate Reactive reports a failure as an SQLException, the PostgreSQL client as a PgException. */
    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof PgException pg
                    ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return state;
            }
        }
        return null;
    }
}
