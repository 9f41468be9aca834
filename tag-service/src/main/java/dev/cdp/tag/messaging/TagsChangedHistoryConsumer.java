package dev.cdp.tag.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.history.TagHistory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps tag history from the service's own cdp.tags.changed: what was published is what is
 * recorded, at least once, and recording twice changes nothing.
 */
@ApplicationScoped
public class TagsChangedHistoryConsumer {

    private final TagHistory history;

    public TagsChangedHistoryConsumer(TagHistory history) {
        this.history = history;
    }

    @Incoming("tags-history")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(record, TagsChanged.getDefaultInstance(), history::record);
    }
}
