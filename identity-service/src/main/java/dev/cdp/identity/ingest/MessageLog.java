package dev.cdp.identity.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The messageIds already accepted ({@link IngestedMessage}), read and written a batch at a time. */
@ApplicationScoped
public class MessageLog {

    /** The OneID each of the messageIds was accepted for, if it was. */
    public Uni<Map<String, String>> seen(SqlConnection tx, Collection<String> messageIds) {
        return tx.preparedQuery("select message_id, one_id from ingested_message where message_id = any($1)")
                .execute(Tuple.tuple().addValue(messageIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> seen = new HashMap<>();
                    for (Row row : rows) {
                        seen.put(row.getString(0), row.getString(1));
                    }
                    return seen;
                });
    }

    /** Forgets the messageIds accepted for these profiles (an erasure); runs in the caller's Hibernate transaction. */
    public Uni<Long> forget(Collection<String> oneIds) {
        return IngestedMessage.delete("oneId in ?1", oneIds);
    }

    public Uni<Void> record(SqlConnection tx, List<String> messageIds, List<String> oneIds, Instant at) {
        return tx.preparedQuery("insert into ingested_message (message_id, one_id, received_at)"
                        + " select m, o, $3 from unnest($1::text[], $2::text[]) as u(m, o)")
                .execute(Tuple.tuple()
                        .addValue(messageIds.toArray(new String[0]))
                        .addValue(oneIds.toArray(new String[0]))
                        .addValue(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
