package dev.cdp.tag.eventlog;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.TagsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.util.Set;

/** The events behind the tags, in PostgreSQL, for backfills; kept for a retention period. */
@ApplicationScoped
public class EventLog {

    private final Duration retention;
    private final Pool pool;

    public EventLog(TagsConfig config, Pool pool) {
        this.retention = config.eventLogRetention();
        this.pool = pool;
    }

    /**
     * Logs events before they are applied, in one statement; a redelivered event keeps its
     * first place.
     *
     * @return each event's sequence number, by messageId
     */
    public Uni<Map<String, Long>> append(List<ResolvedEvent> events) {
        Map<String, ResolvedEvent> byMessageId = new LinkedHashMap<>();
        events.forEach(resolved -> byMessageId.putIfAbsent(resolved.getEvent().getMessageId(), resolved));
        int n = byMessageId.size();
        String[] messageIds = new String[n];
        String[] oneIds = new String[n];
        OffsetDateTime[] loggedAt = new OffsetDateTime[n];
        String[] keys = new String[n];
        Buffer[] payloads = new Buffer[n];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int i = 0;
        for (ResolvedEvent resolved : byMessageId.values()) {
            messageIds[i] = resolved.getEvent().getMessageId();
            oneIds[i] = resolved.getOneId();
            loggedAt[i] = now;
            keys[i] = String.join("\n", resolved.getIdentifierKeysList());
            payloads[i] = Buffer.buffer(resolved.getEvent().toByteArray());
            i++;
        }
        // One statement on the pool, no ORM session: this runs for every poll of events.
        return pool.preparedQuery(
                        "insert into tag_event (message_id, one_id, logged_at, identifier_keys, payload) "
                                + "select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bytea[]) "
                                + "on conflict (message_id) do update set message_id = excluded.message_id returning message_id, seq")
                .execute(Tuple.of(messageIds, oneIds, loggedAt, keys, payloads))
                .map(rows -> {
                    Map<String, Long> seqs = new HashMap<>(n * 2);
                    rows.forEach(row -> seqs.put(row.getString(0), row.getLong(1)));
                    return seqs;
                });
    }

    /**
     * After a split: each of the profile's events goes to the first part holding one of its
     * identifiers; events no part claims stay with the profile.
     *
     * @param parts OneID of each part, in the split's order (the part keeping the OneID first), to
     *     the identifier keys it holds
     */
    public Uni<Void> assign(String oneId, Map<String, Set<String>> parts) {
        return Panache.withTransaction(() -> LoggedEvent.<LoggedEvent>list("oneId", oneId)
                .chain(rows -> {
                    Map<String, List<Long>> moves = new HashMap<>();
                    for (LoggedEvent row : rows) {
                        List<String> keys = row.identifierKeys == null || row.identifierKeys.isEmpty()
                                ? List.of()
                                : List.of(row.identifierKeys.split("\n"));
                        parts.entrySet().stream()
                                .filter(part -> keys.stream().anyMatch(part.getValue()::contains))
                                .findFirst()
                                .filter(part -> !part.getKey().equals(oneId))
                                .ifPresent(part -> moves.computeIfAbsent(part.getKey(), k -> new ArrayList<>())
                                        .add(row.seq));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, List<Long>> move : moves.entrySet()) {
                        chain = chain.chain(() -> LoggedEvent.update(
                                        "oneId = ?1 where seq in ?2", move.getKey(), move.getValue()))
                                .replaceWithVoid();
                    }
                    return chain;
                }));
    }

    /** The absorbed profile's events belong to the survivor from now on. */
    public Uni<Integer> rekey(String absorbedOneId, String survivorOneId) {
        return Panache.withTransaction(
                () -> LoggedEvent.update("oneId = ?1 where oneId = ?2", survivorOneId, absorbedOneId));
    }

    /** Deletes the profiles' logged events (erasure): a backfill finds nothing of them any more. */
    public Uni<Long> erase(Collection<String> oneIds) {
        return Panache.withTransaction(() -> LoggedEvent.delete("oneId in ?1", oneIds));
    }

    /** Up to {@code limit} profiles with logged events, after {@code after} in OneID order ("" to start). */
    @WithSession
    public Uni<List<String>> profiles(String after, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select distinct one_id from tag_event where one_id > ?1 order by one_id limit ?2",
                                String.class)
                        .setParameter(1, after)
                        .setParameter(2, limit)
                        .getResultList());
    }

    @WithSession
    public Uni<Long> profileCount() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(distinct one_id) from tag_event", Long.class)
                        .getSingleResult());
    }

    /** All of a profile's events, in logged order, with their sequence numbers. */
    @WithSession
    public Uni<List<Logged>> all(String oneId) {
        return LoggedEvent.<LoggedEvent>find("oneId = ?1 order by seq", oneId)
                .list()
                .map(rows -> rows.stream()
                        .map(row -> new Logged(row.seq, event(row)))
                        .toList());
    }

    /** An event as logged. */
    public record Logged(long seq, Event event) {}

    /** A profile's events up to and including {@code maxSeq}, in logged order. */
    @WithSession
    public Uni<List<Event>> events(String oneId, long maxSeq) {
        return LoggedEvent.<LoggedEvent>find("oneId = ?1 and seq <= ?2 order by seq", oneId, maxSeq)
                .list()
                .map(rows -> rows.stream().map(EventLog::event).toList());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(
                        () -> LoggedEvent.delete("loggedAt < ?1", Instant.now().minus(retention)))
                .replaceWithVoid();
    }

    private static Event event(LoggedEvent row) {
        try {
            return Event.parseFrom(row.payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("logged event " + row.messageId + " is unreadable", e);
        }
    }
}
