package dev.cdp.segment.asof;

import dev.cdp.platform.db.Background;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.membership.SegmentBackfill;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fills profile_tags from tag-service's store once, at the first start that finds it never
 * filled: cdp.tags.changed only reports a profile when its tags change, so on a deployment
 * upgraded from a version without profile_tags, the profiles unchanged since would be in no new
 * segment. Each profile's current tags are kept unless the consumer already kept a newer snapshot
 * (the later {@code changed_at} wins, as for any redelivery), then every segment is decided again
 * over the filled table. Tried again every {@code cdp.as-of.fill-retry-interval} until tag-service
 * answers; a fill cut short by a restart runs again, which changes nothing it already did.
 */
@ApplicationScoped
public class ProfileTagsFill {

    private static final Logger LOG = Logger.getLogger(ProfileTagsFill.class);
    static final int PAGE = 500;

    private final TagScanClient tags;
    private final ProfileTable profiles;
    private final SegmentCatalog catalog;
    private final SegmentBackfill backfill;
    private final SegmentEngine engine;
    private final Vertx vertx;
    private final Pool pool;
    private final Duration retry;

    public ProfileTagsFill(
            TagScanClient tags,
            ProfileTable profiles,
            SegmentCatalog catalog,
            SegmentBackfill backfill,
            SegmentEngine engine,
            AsOfConfig config,
            Vertx vertx,
            Pool pool) {
        this.pool = pool;
        this.tags = tags;
        this.profiles = profiles;
        this.catalog = catalog;
        this.backfill = backfill;
        this.engine = engine;
        this.retry = config.fillRetryInterval();
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent started) {
        attempt();
    }

    private void attempt() {
        fillUnlessFilled().subscribe().with(filled -> {}, failure -> {
            LOG.warnf(
                    "profile_tags could not be filled from tag-service (%s); trying again in %s",
                    failure.getMessage(), retry);
            vertx.setTimer(retry.toMillis(), timer -> attempt());
        });
    }

    /**
     * Fills profile_tags unless that was done before, in the background on a context of its own;
     * answers whether it filled now.
     */
    public Uni<Boolean> fillUnlessFilled() {
        return Uni.createFrom()
                .emitter(answer -> Background.run(
                        vertx,
                        () -> pool.query("select 1 from profile_tags_fill")
                                .execute()
                                .chain(rows ->
                                        rows.size() > 0 ? Uni.createFrom().item(false) : fill().replaceWith(true)),
                        answer::complete,
                        answer::fail));
    }

    /**
     * One snapshot per profile, the later one: tag-service's walk can give a profile twice, and
     * one statement cannot write a row twice.
     */
    private static Collection<TagSnapshot> latest(List<TagSnapshot> page) {
        Map<String, TagSnapshot> latest = new LinkedHashMap<>();
        page.forEach(snapshot -> latest.merge(
                snapshot.oneId(), snapshot, (held, other) -> other.at().isAfter(held.at()) ? other : held));
        return latest.values();
    }

    private Uni<Void> fill() {
        return tags.current()
                .group()
                .intoLists()
                .of(PAGE)
                .onItem()
                .transformToUniAndConcatenate(page -> {
                    Collection<TagSnapshot> latest = latest(page);
                    return profiles.keep(latest)
                            .invoke(() -> engine.keep(latest))
                            .replaceWith(latest.size());
                })
                .collect()
                .with(Collectors.summingLong(Integer::longValue))
                // Two instances starting together both fill; the second fill changes nothing.
                .chain(count -> pool.preparedQuery(
                                "insert into profile_tags_fill (id, filled_at, profiles) values (1, $1, $2) on conflict (id) do nothing")
                        .execute(Tuple.of(Instant.now().atOffset(ZoneOffset.UTC), count)))
                .invoke(() -> LOG.info("profile_tags filled from tag-service; every segment is decided again"))
                .chain(catalog::current)
                .invoke(segments -> segments.forEach(backfill::decideAgain))
                .replaceWithVoid();
    }
}
