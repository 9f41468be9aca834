package dev.cdp.segment.profile;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.proto.v1.ProfileTags;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The latest tags of every profile ({@code profile_tags}), kept from cdp.tags.changed: what a new
 * or edited segment is decided over. Written in one statement per poll; a snapshot older than
 * the stored one (a redelivery) changes nothing.
 */
@ApplicationScoped
public class ProfileTable {

    private final Pool pool;

    public ProfileTable(Pool pool) {
        this.pool = pool;
    }

    /** Keeps each profile's latest snapshot; {@code latest} holds at most one per profile. */
    public Uni<Void> keep(Collection<TagSnapshot> latest) {
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> oneIds = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        // The core Buffer: the client binds bytea[] from it, not from the Mutiny wrapper.
        List<Buffer> tags = new ArrayList<>();
        List<OffsetDateTime> changedAt = new ArrayList<>();
        for (TagSnapshot snapshot : latest) {
            oneIds.add(snapshot.oneId());
            ordinals.add(snapshot.ordinal());
            tags.add(Buffer.buffer(
                    ProfileTags.newBuilder().putAllTags(snapshot.tags()).build().toByteArray()));
            changedAt.add(snapshot.at().atOffset(ZoneOffset.UTC));
        }
        return pool.preparedQuery("""
                        insert into profile_tags (one_id, ordinal, tags, changed_at)
                        select * from unnest($1::varchar[], $2::int[], $3::bytea[], $4::timestamptz[])
                        on conflict (one_id) do update set ordinal = excluded.ordinal, tags = excluded.tags, changed_at = excluded.changed_at
                        where profile_tags.changed_at <= excluded.changed_at""")
                .execute(Tuple.of(
                        oneIds.toArray(String[]::new),
                        ordinals.toArray(Integer[]::new),
                        tags.toArray(Buffer[]::new),
                        changedAt.toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * The stored ones of these profiles in OneID order, locked until the session's transaction
     * ends: a tag change arriving meanwhile is decided after them, on its newer tags. Each comes as
     * a snapshot caused by {@code cause} at {@code at}.
     */
    public Uni<List<TagSnapshot>> lock(Mutiny.Session session, Collection<String> oneIds, String cause, Instant at) {
        return session.createNativeQuery("""
                        select one_id, ordinal, tags from profile_tags
                        where one_id in (:oneIds) order by one_id for update""", Object[].class)
                .setParameter("oneIds", oneIds)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> snapshot((String) row[0], ((Number) row[1]).intValue(), (byte[]) row[2], cause, at))
                        .toList());
    }

    /** Up to {@code limit} profiles in OneID order after {@code afterOneId}, without locking: for reading only. */
    public Uni<List<TagSnapshot>> page(String afterOneId, int limit) {
        return pool.preparedQuery(
                        "select one_id, ordinal, tags, changed_at from profile_tags where one_id > $1 order by one_id limit $2")
                .execute(Tuple.of(afterOneId, limit))
                .map(rows -> {
                    List<TagSnapshot> page = new ArrayList<>();
                    rows.forEach(row -> page.add(snapshot(row)));
                    return page;
                });
    }

    /** The profile's latest stored tags, or null when none were ever reported. */
    public Uni<TagSnapshot> get(String oneId) {
        return pool.preparedQuery("select one_id, ordinal, tags, changed_at from profile_tags where one_id = $1")
                .execute(Tuple.of(oneId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    return snapshot(rows.iterator().next());
                });
    }

    public Uni<Long> count() {
        return pool.query("select count(*) from profile_tags")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Forgets profiles merged away or erased. */
    public Uni<Void> forget(Collection<String> oneIds) {
        return pool.preparedQuery("delete from profile_tags where one_id = any($1)")
                .execute(Tuple.of(oneIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static TagSnapshot snapshot(io.vertx.mutiny.sqlclient.Row row) {
        return snapshot(
                row.getString("one_id"),
                row.getInteger("ordinal"),
                row.getBuffer("tags").getBytes(),
                "profile_tags",
                row.getOffsetDateTime("changed_at").toInstant());
    }

    private static TagSnapshot snapshot(String oneId, int ordinal, byte[] tags, String cause, Instant at) {
        try {
            return new TagSnapshot(oneId, ordinal, ProfileTags.parseFrom(tags).getTagsMap(), cause, at);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("profile_tags of " + oneId + " is not a cdp.v1.ProfileTags", e);
        }
    }
}
