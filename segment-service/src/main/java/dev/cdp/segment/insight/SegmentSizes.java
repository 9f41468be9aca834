package dev.cdp.segment.insight;

import dev.cdp.segment.SegmentConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every segment's size over time: each {@code cdp.segment.size-interval} the size of every
 * segment not archived is recorded, stamped with the start of the interval, so every instance
 * may record and one row per interval stays (the first written).
 */
@ApplicationScoped
public class SegmentSizes {

    private static final Logger LOG = Logger.getLogger(SegmentSizes.class);

    static final int DEFAULT_DAYS = 30;

    private final Pool pool;
    private final Vertx vertx;
    private final Duration interval;

    public SegmentSizes(Pool pool, Vertx vertx, SegmentConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.interval = config.sizeInterval();
    }

    void onStart(@Observes StartupEvent started) {
        vertx.setPeriodic(
                Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()),
                timer -> record(Instant.now())
                        .subscribe()
                        .with(
                                recorded -> {},
                                failure ->
                                        LOG.warnf("segment sizes not recorded this time: %s", failure.getMessage())));
    }

    /** Records the sizes of this interval, unless an instance has. */
    Uni<Void> record(Instant now) {
        long step = interval.toMillis();
        Instant at = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
        return pool.preparedQuery("""
                        insert into segment_size (segment_id, at, size)
                        select s.id, $1, (select count(*) from membership m where m.segment_id = s.id)
                        from segment s where s.status is null or s.status <> 'ARCHIVED'
                        on conflict do nothing""")
                .execute(Tuple.of(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * The recorded sizes of the segment from {@code from} to {@code to}, oldest first.
     *
     * @param from null: {@value #DEFAULT_DAYS} days before {@code to}
     * @param to null: now
     */
    @WithSession
    public Uni<List<SegmentSize>> between(String segmentId, Instant from, Instant to) {
        Instant until = to == null ? Instant.now() : to;
        Instant since = from == null ? until.minus(Duration.ofDays(DEFAULT_DAYS)) : from;
        return SegmentSize.<SegmentSize>list(
                "segmentId = ?1 and at >= ?2 and at <= ?3 order by at", segmentId, since, until);
    }
}
