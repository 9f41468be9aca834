package dev.cdp.tag.history;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.TagValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Point-in-time tag values: every published change is kept in PostgreSQL, so "what was this tag
 * on date D" is the newest change at or before D.
 */
@ApplicationScoped
public class TagHistory {

    /** Records one cdp.tags.changed payload; a redelivered one changes nothing. */
    public Uni<Void> record(TagsChanged changed) {
        Instant at = ProtoTime.instant(changed.getChangedAt());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Void> inserts = Uni.createFrom().voidItem();
            for (TagChange change : changed.getChangesList()) {
                inserts = inserts.chain(() -> session.createNativeQuery(
                                "insert into tag_change (one_id, tag, old_value, new_value, changed_at, cause) "
                                        + "select cast(?1 as varchar), cast(?2 as varchar), cast(?3 as text), cast(?4 as text), "
                                        + "cast(?5 as timestamp with time zone), cast(?6 as varchar) where not exists "
                                        + "(select 1 from tag_erasure e where e.one_id = ?1 and e.erased_at >= ?5) "
                                        + "on conflict on constraint tag_change_once do nothing")
                        .setParameter(1, changed.getOneId())
                        .setParameter(2, change.getTag())
                        .setParameter(3, change.hasOldValue() ? TagValues.encode(TagValues.fromProto(change.getOldValue())) : null)
                        .setParameter(4, change.hasNewValue() ? TagValues.encode(TagValues.fromProto(change.getNewValue())) : null)
                        .setParameter(5, at)
                        .setParameter(6, changed.getCauseMessageId())
                        .executeUpdate()
                        .replaceWithVoid());
            }
            return inserts;
        }));
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

    /** The changes of one tag up to {@code at}, oldest first. */
    @WithSession
    public Uni<List<TagChangeRecord>> until(String oneId, String tag, Instant at) {
        return TagChangeRecord.<TagChangeRecord>find("oneId = ?1 and tag = ?2 and changedAt <= ?3 order by changedAt, id", oneId, tag, at)
                .list();
    }
}
