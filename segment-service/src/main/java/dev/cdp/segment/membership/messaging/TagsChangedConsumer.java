package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.platform.ProtoTime;
import dev.cdp.segment.membership.MembershipEvaluator;
import dev.cdp.segment.membership.TagSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes cdp.tags.changed and re-evaluates the profile's memberships. A record that fails (one
 * that cannot be read, or whose processing failed) goes to cdp.dlq.segment-service with the reason
 * in its headers, and the consumer moves on.
 */
@ApplicationScoped
public class TagsChangedConsumer {

    private static final Logger LOG = Logger.getLogger(TagsChangedConsumer.class);

    private final MembershipEvaluator evaluator;

    public TagsChangedConsumer(MembershipEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Incoming("tags-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        TagSnapshot snapshot;
        try {
            snapshot = read(record);
        } catch (UnreadableRecordException e) {
            LOG.warnf("unreadable record at %s-%d@%d goes to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return evaluator.evaluate(snapshot).replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "tags change of %s at %s-%d@%d failed; it goes to the dead-letter topic",
                        snapshot.oneId(), record.topic(), record.partition(), record.offset()));
    }

    private static TagSnapshot read(ConsumerRecord<String, byte[]> record) {
        TagsChanged change = CdpRecords.read(record, TagsChanged.getDefaultInstance());
        if (change.getOneId().isBlank()) {
            throw new UnreadableRecordException("cdp.v1.TagsChanged without one_id");
        }
        // Both fallbacks come from the record itself, so a redelivery still yields the same transition ids.
        String cause = change.getCauseMessageId().isEmpty()
                ? "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset()
                : change.getCauseMessageId();
        Instant at = change.hasChangedAt() ? ProtoTime.instant(change.getChangedAt()) : Instant.ofEpochMilli(record.timestamp());
        return new TagSnapshot(change.getOneId(), change.getOrdinal(), change.getTagsMap(), cause, at);
    }
}
