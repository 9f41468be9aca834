package dev.cdp.tag.history;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.value.Value;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Point-in-time tag values: every published change is kept in PostgreSQL, so "what was this tag
 * on date D" is the newest change at or before D.
 */
@ApplicationScoped
public class TagHistory {

    private final Pool pool;
    private final Duration erasureMemory;

    public TagHistory(Pool pool, TagsConfig config) {
        this.pool = pool;
        this.erasureMemory = config.erasureMemory();
    }

    /**
     * Records cdp.tags.changed payloads in one statement; a redelivered one changes nothing, and
     * nothing is recorded for a profile erased after the change was computed.
     */
    public Uni<Void> record(List<TagsChanged> published) {
        List<String> oneIds = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> oldValues = new ArrayList<>();
        List<String> newValues = new ArrayList<>();
        List<OffsetDateTime> changedAt = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        for (TagsChanged changed : published) {
            OffsetDateTime at = ProtoTime.instant(changed.getChangedAt()).atOffset(ZoneOffset.UTC);
            for (TagChange change : changed.getChangesList()) {
                oneIds.add(changed.getOneId());
                tags.add(change.getTag());
                oldValues.add(change.hasOldValue() ? stored(change.getOldValue()) : null);
                newValues.add(change.hasNewValue() ? stored(change.getNewValue()) : null);
                changedAt.add(at);
                causes.add(changed.getCauseMessageId());
            }
        }
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("insert into tag_change (one_id, tag, old_value, new_value, changed_at, cause) "
                        + "select u.one_id, u.tag, u.old_value, u.new_value, u.changed_at, u.cause "
                        + "from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) "
                        + "as u(one_id, tag, old_value, new_value, changed_at, cause) "
                        + "where not exists (select 1 from tag_erasure e where e.one_id = u.one_id and e.erased_at >= u.changed_at) "
                        + "on conflict on constraint tag_change_once do nothing")
                .execute(Tuple.tuple()
                        .addValue(oneIds.toArray(new String[0]))
                        .addValue(tags.toArray(new String[0]))
                        .addValue(oldValues.toArray(new String[0]))
                        .addValue(newValues.toArray(new String[0]))
                        .addValue(changedAt.toArray(new OffsetDateTime[0]))
                        .addValue(causes.toArray(new String[0])))
                .replaceWithVoid();
    }

    /**
     * Deletes the profiles' history (erasure) and remembers when, so a change computed before the
     * erasure and still in flight is not recorded afterwards; a fresh profile's later changes are.
     */
    public Uni<Long> erase(Collection<String> oneIds) {
        Instant at = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Void> marks = Uni.createFrom().voidItem();
            for (String oneId : oneIds) {
                marks = marks.chain(() -> session.createNativeQuery(
                                "insert into tag_erasure (one_id, erased_at) values (?1, ?2) on conflict (one_id) do update set erased_at = excluded.erased_at")
                        .setParameter(1, oneId)
                        .setParameter(2, at)
                        .executeUpdate()
                        .replaceWithVoid());
            }
            return marks.chain(() -> TagChangeRecord.delete("oneId in ?1", oneIds));
        }));
    }

    /** Hourly: past cdp.tags.changed's retention nothing from before an erasure can arrive, so its OneID goes. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldErasures() {
        return forgetErasuresBefore(Instant.now().minus(erasureMemory)).replaceWithVoid();
    }

    /** Forgets the OneIDs erased before {@code before}; answers how many. */
    public Uni<Integer> forgetErasuresBefore(Instant before) {
        return pool.preparedQuery("delete from tag_erasure where erased_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(SqlResult::rowCount);
    }

    /** The changes of one tag up to {@code at}, oldest first. */
    @WithSession
    public Uni<List<TagChangeRecord>> until(String oneId, String tag, Instant at) {
        return TagChangeRecord.<TagChangeRecord>find(
                        "oneId = ?1 and tag = ?2 and changedAt <= ?3 order by changedAt, id", oneId, tag, at)
                .list();
    }

    private static String stored(TagValue published) {
        Value value = Value.fromProto(published);
        if (value == null) {
            throw new IllegalArgumentException("not a tag value: " + published);
        }
        return value.encode();
    }
}
