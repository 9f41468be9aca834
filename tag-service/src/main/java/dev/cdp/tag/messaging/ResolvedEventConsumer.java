package dev.cdp.tag.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.backfill.EventLog;
import dev.cdp.tag.compute.TagUpdater;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.events.resolved. A record that cannot be read fails here and the connector moves
 * it to cdp.dlq.tag-service with the reason; the consumer goes on with the next one.
 */
@ApplicationScoped
public class ResolvedEventConsumer {

    private final EventLog log;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final Counter applied;
    private final Counter duplicates;

    public ResolvedEventConsumer(EventLog log, TagUpdater updater, TagsChangedPublisher publisher, MeterRegistry metrics) {
        this.log = log;
        this.updater = updater;
        this.publisher = publisher;
        this.applied = metrics.counter("cdp.tag.events", "outcome", "applied");
        this.duplicates = metrics.counter("cdp.tag.events", "outcome", "duplicate");
    }

    @Incoming("events-resolved")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(record, ResolvedEvent.getDefaultInstance(), this::apply);
    }

    private Uni<Void> apply(ResolvedEvent event) {
        if (event.getOneId().isEmpty() || event.getEvent().getMessageId().isEmpty()) {
            return Uni.createFrom().failure(new UnreadableRecordException("cdp.v1.ResolvedEvent without one_id or event.message_id"));
        }
        return log.append(event).chain(seq -> updater.apply(event, seq)).chain(changes -> {
            if (changes == null) {
                duplicates.increment();
                return Uni.createFrom().voidItem();
            }
            applied.increment();
            return changes.isEmpty() ? Uni.createFrom().voidItem() : publisher.publish(changes);
        });
    }
}
