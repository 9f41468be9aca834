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
                                "insert into tag_change (one_id, tag, old_value, new_value, changed_at, cause) values (?1, ?2, ?3, ?4, ?5, ?6) "
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

    /** Deletes the profiles' history (erasure). */
    public Uni<Long> erase(Collection<String> oneIds) {
        return Panache.withTransaction(() -> TagChangeRecord.delete("oneId in ?1", oneIds));
    }

    /** The changes of one tag up to {@code at}, oldest first. */
    @WithSession
    public Uni<List<TagChangeRecord>> until(String oneId, String tag, Instant at) {
        return TagChangeRecord.<TagChangeRecord>find("oneId = ?1 and tag = ?2 and changedAt <= ?3 order by changedAt, id", oneId, tag, at)
                .list();
    }
}
