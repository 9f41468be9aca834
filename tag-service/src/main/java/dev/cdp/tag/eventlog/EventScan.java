package dev.cdp.tag.eventlog;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The logged events of some names, for a model fitted on the whole history (lifetime value from
 * the orders): read in logged order a page at a time, and only as the reader takes them.
 */
@ApplicationScoped
public class EventScan {

    static final int PAGE = 1000;

    private final Pool pool;

    public EventScan(Pool pool) {
        this.pool = pool;
    }

    /** One logged event, with the profile it belongs to now. */
    public record ScannedEvent(String oneId, Event event) {}

    /**
     * The events named one of {@code names} (the track name, or the page / screen name), at or
     * after {@code from} and before {@code to} (null: no bound).
     *
     * @param readerReady completes when the reader can take more: the next page is read then
     */
    public Multi<ScannedEvent> scan(Set<String> names, Instant from, Instant to, Supplier<Uni<Void>> readerReady) {
        return Multi.createBy()
                .repeating()
                .uni(
                        () -> new long[] {0},
                        after -> readerReady.get().chain(() -> page(after[0])).invoke(page -> after[0] = page.last()))
                .whilst(page -> page.read() == PAGE)
                .onItem()
                .transformToIterable(page -> page.events().stream()
                        .filter(scanned -> names.contains(name(scanned.event())))
                        .filter(scanned -> within(time(scanned.event()), from, to))
                        .toList());
    }

    private record Page(List<ScannedEvent> events, int read, long last) {}

    private Uni<Page> page(long afterSeq) {
        return pool.preparedQuery("select seq, one_id, payload from tag_event where seq > $1 order by seq limit $2")
                .execute(Tuple.of(afterSeq, PAGE))
                .map(rows -> {
                    List<ScannedEvent> events = new ArrayList<>(rows.size());
                    long last = afterSeq;
                    for (Row row : rows) {
                        last = row.getLong(0);
                        events.add(new ScannedEvent(
                                row.getString(1), decode(row.getBuffer(2).getBytes())));
                    }
                    return new Page(events, rows.size(), last);
                });
    }

    private static Event decode(byte[] payload) {
        try {
            return Event.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a logged event does not parse as cdp.v1.Event", e);
        }
    }

    private static String name(Event event) {
        return event.getEvent().isEmpty() ? event.getName() : event.getEvent();
    }

    /** identity-service stamps every event it accepts (with when it came, when the sender did not say). */
    private static Instant time(Event event) {
        return ProtoTime.instant(event.getTimestamp());
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
