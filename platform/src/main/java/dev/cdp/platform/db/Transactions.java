package dev.cdp.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs work in a transaction and runs it again when it lost a race on a unique key: two instances
 * creating the same profile or identifier at once collide there, and the retry finds what the
 * winner wrote.
 */
public final class Transactions {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ATTEMPTS = 4;

    private Transactions() {
    }

    public static <T> Uni<T> withRetryOnConflict(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(Transactions::isUniqueViolation).retry().atMost(MAX_ATTEMPTS - 1);
    }

    /** Hibernate Reactive reports the violation as an SQLException, the PostgreSQL client as a PgException. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState()
                    : null;
            if (UNIQUE_VIOLATION.equals(state)) {
                return true;
            }
        }
        return false;
    }
}
