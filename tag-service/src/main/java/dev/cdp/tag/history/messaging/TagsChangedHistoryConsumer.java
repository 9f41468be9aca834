package dev.cdp.tag.history.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.Poll;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.history.TagHistory;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Keeps tag history from the service's own cdp.tags.changed, a poll at a time in one statement:
 * what was published is what is recorded, at least once, and recording twice changes nothing. An
 * unreadable record goes to cdp.dlq.tag-service with the reason; while PostgreSQL is down the poll
 * waits for it.
 */
@ApplicationScoped
public class TagsChangedHistoryConsumer {

    private final TagHistory history;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Stores stores;

    public TagsChangedHistoryConsumer(
            TagHistory history,
            Stores stores,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> deadLetters) {
        this.history = history;
        this.deadLetters = deadLetters;
        this.stores = stores;
    }

    @Incoming("tags-history")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Poll<TagsChanged> poll = Poll.read(
                records,
                record -> CdpRecords.read(record, TagsChanged.getDefaultInstance()),
                TagsChanged::getOneId,
                deadLetters);
        return poll.finish(stores.untilApplied(() -> history.record(poll.all())));
    }
}
