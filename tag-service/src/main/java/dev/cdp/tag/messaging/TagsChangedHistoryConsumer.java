package dev.cdp.tag.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.DeadLetters;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.history.TagHistory;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Keeps tag history from the service's own cdp.tags.changed, a poll at a time in one statement:
 * what was published is what is recorded, at least once, and recording twice changes nothing. An
 * unreadable record goes to cdp.dlq.tag-service with the reason.
 */
@ApplicationScoped
public class TagsChangedHistoryConsumer {

    private final TagHistory history;
    private final MutinyEmitter<byte[]> deadLetters;

    public TagsChangedHistoryConsumer(TagHistory history,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> deadLetters) {
        this.history = history;
        this.deadLetters = deadLetters;
    }

    @Incoming("tags-history")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<TagsChanged> published = new ArrayList<>();
        List<Uni<Void>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                published.add(CdpRecords.read(record, TagsChanged.getDefaultInstance()));
            } catch (UnreadableRecordException e) {
                unreadable.add(deadLetters.sendMessage(DeadLetters.of(record, e)));
            }
        }
        unreadable.add(history.record(published));
        return Uni.join().all(unreadable).andCollectFailures().replaceWithVoid();
    }
}
