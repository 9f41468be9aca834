package dev.cdp.segment.definition;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Hibernate's schema update adds columns but leaves the check constraint it once wrote for the
 * status enum as it was: on a database created before {@link SegmentStatus#PAUSED} it refuses
 * pausing. The constraint is dropped at start; the entity's enum is the one list of statuses.
 */
@ApplicationScoped
class SegmentStatusColumn {

    private final Pool pool;

    SegmentStatusColumn(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent started) {
        pool.query("alter table if exists segment drop constraint if exists segment_status_check")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(30));
    }
}
