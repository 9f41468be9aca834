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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<Integer> ordinals = new ArrayList<>();
        for (TagsChanged changed : published) {
            OffsetDateTime at = ProtoTime.instant(changed.getChangedAt()).atOffset(ZoneOffset.UTC);
            for (TagChange change : changed.getChangesList()) {
                oneIds.add(changed.getOneId());
                tags.add(change.getTag());
                oldValues.add(change.hasOldValue() ? stored(change.getOldValue()) : null);
                newValues.add(change.hasNewValue() ? stored(change.getNewValue()) : null);
                changedAt.add(at);
                causes.add(changed.getCauseMessageId());
                ordinals.add(changed.getOrdinal());
            }
        }
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(
                        "insert into tag_change (one_id, tag, old_value, new_value, changed_at, cause, ordinal) "
                                + "select u.one_id, u.tag, u.old_value, u.new_value, u.changed_at, u.cause, u.ordinal "
                                + "from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::int[]) "
                                + "as u(one_id, tag, old_value, new_value, changed_at, cause, ordinal) "
                                + "where not exists (select 1 from tag_erasure e where e.one_id = u.one_id and e.erased_at >= u.changed_at) "
                                + "on conflict on constraint tag_change_once do nothing")
                .execute(Tuple.tuple()
                        .addValue(oneIds.toArray(new String[0]))
                        .addValue(tags.toArray(new String[0]))
                        .addValue(oldValues.toArray(new String[0]))
                        .addValue(newValues.toArray(new String[0]))
                        .addValue(changedAt.toArray(new OffsetDateTime[0]))
                        .addValue(causes.toArray(new String[0]))
                        .addValue(ordinals.toArray(new Integer[0])))
                .replaceWithVoid();
    }

    /**
     * Records that merged-away profiles hold no tags from {@code at} on: each tag they had gets a
     * change to no value, caused by the merge. Their values moved into the survivor, whose own
     * changes are published and recorded as usual; without this, the history would still answer
     * the absorbed profile's last values for every later moment. A replayed merge (the same
     * {@code cause}) records nothing more.
     */
    public Uni<Void> mergedAway(Collection<String> oneIds, Instant at, String cause) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into tag_change (one_id, tag, old_value, new_value, changed_at, cause, ordinal)
                        select last.one_id, last.tag, last.new_value, null, $2, $3, last.ordinal
                        from (select distinct on (one_id, tag) one_id, tag, new_value, ordinal from tag_change
                              where one_id = any($1) and changed_at <= $2
                              order by one_id, tag, changed_at desc, id desc) last
                        where last.new_value is not null
                        on conflict on constraint tag_change_once do nothing""")
                .execute(Tuple.of(oneIds.toArray(String[]::new), at.atOffset(ZoneOffset.UTC), cause))
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

    /**
     * Up to {@code limit} profiles in OneID order after {@code afterOneId} ("" for the start) that
     * have a recorded change at or before {@code at}, each with every tag as it was at {@code at}:
     * per tag the newest change at or before it, the later of two at the same moment winning, as
     * {@link #until} answers. A profile with no value left then (cleared, expired, merged away)
     * comes with none; an erased one has no history and does not come.
     */
    public Uni<List<PastProfile>> asOf(Instant at, String afterOneId, int limit) {
        return pool.preparedQuery("""
                        with page as (
                            select distinct one_id from tag_change
                            where one_id > $1 and changed_at <= $2 order by one_id limit $3)
                        select distinct on (c.one_id, c.tag) c.one_id, c.tag, c.new_value, c.ordinal
                        from tag_change c join page on c.one_id = page.one_id
                        where c.changed_at <= $2
                        order by c.one_id, c.tag, c.changed_at desc, c.id desc""")
                .execute(Tuple.of(afterOneId, at.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    Map<String, Map<String, Value>> tags = new LinkedHashMap<>();
                    Map<String, Integer> ordinals = new HashMap<>();
                    for (Row row : rows) {
                        String oneId = row.getString("one_id");
                        Map<String, Value> profile = tags.computeIfAbsent(oneId, id -> new HashMap<>());
                        Integer ordinal = row.getInteger("ordinal");
                        if (ordinal != null && ordinal != 0) {
                            ordinals.put(oneId, ordinal);
                        }
                        String stored = row.getString("new_value");
                        Value value = stored == null ? null : Value.decode(stored);
                        if (value != null) {
                            profile.put(row.getString("tag"), value);
                        }
                    }
                    List<PastProfile> profiles = new ArrayList<>(tags.size());
                    tags.forEach((oneId, values) ->
                            profiles.add(new PastProfile(oneId, ordinals.getOrDefault(oneId, 0), values)));
                    return profiles;
                });
    }

    /**
     * A profile's tags at a past moment.
     *
     * @param ordinal the ordinal a recorded change of it carried, 0 when none did
     */
    public record PastProfile(String oneId, int ordinal, Map<String, Value> tags) {}

    private static String stored(TagValue published) {
        Value value = Value.fromProto(published);
        if (value == null) {
            throw new IllegalArgumentException("not a tag value: " + published);
        }
        return value.encode();
    }
}
