package dev.cdp.identity.suppression;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.platform.security.KeyedHash;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an erased person from coming back through old events. Delivery is at least once: an SDK
 * retries, a source replays its topic, events are still in flight when the erasure runs. Each
 * would otherwise re-create the profile with the data just erased. So an erasure remembers the
 * person's own identifiers (not those marked shared) as keyed hashes, and ingest drops an event
 * that names one of them and happened before the erasure. An event that happens after it is the
 * person coming back, and starts a fresh profile.
 *
 * <p>The hash is HMAC-SHA256 under {@code cdp.identity.suppression-key}, so the table cannot be
 * matched against a list of emails or phone numbers without the key.
 */
@ApplicationScoped
public class Suppression {

    private final KeyedHash hashes;
    private final Duration window;
    private final Pool pool;

    public Suppression(IdentityConfig config, Pool pool) {
        this.pool = pool;
        this.hashes = new KeyedHash(config.suppressionKey());
        this.window = config.suppressionWindow();
    }

    /** The keyed hash of an identifier's key ("type:value"). */
    public String hash(String identifierKey) {
        return hashes.of(identifierKey);
    }

    /** When each of the hashed identifiers was erased, for those erased within the window before {@code now}. */
    public Uni<Map<String, Instant>> erasedAt(SqlConnection tx, Collection<String> hashes, Instant now) {
        return tx.preparedQuery(
                        "select key_hash, erased_at from erased_identifier where key_hash = any($1) and erased_at > $2")
                .execute(Tuple.of(
                        hashes.toArray(new String[0]), now.minus(window).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Instant> erased = new HashMap<>();
                    for (Row row : rows) {
                        erased.put(row.getString(0), row.getOffsetDateTime(1).toInstant());
                    }
                    return erased;
                });
    }

    /** Remembers the identifiers as erased by the erasure request, in its transaction. */
    public Uni<Void> remember(List<String> identifierKeys, String requestId, Instant erasedAt) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String identifierKey : identifierKeys) {
            ErasedIdentifier erased = new ErasedIdentifier();
            erased.keyHash = hash(identifierKey);
            erased.erasedAt = erasedAt;
            erased.requestId = requestId;
            // merge: the same identifier may have been erased before, with an earlier person.
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.merge(erased)))
                    .replaceWithVoid();
        }
        return chain;
    }

    /** Hourly: hashes past the window are no longer consulted, so they are not kept either. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return purge(Instant.now()).replaceWithVoid();
    }

    /** Forgets the identifiers erased longer than the window before {@code now}; answers how many. */
    public Uni<Integer> purge(Instant now) {
        return pool.preparedQuery("delete from erased_identifier where erased_at < $1")
                .execute(Tuple.of(now.minus(window).atOffset(ZoneOffset.UTC)))
                .map(SqlResult::rowCount);
    }
}
