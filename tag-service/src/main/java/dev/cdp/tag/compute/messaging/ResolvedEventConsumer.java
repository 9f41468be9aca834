package dev.cdp.tag.compute.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.Poll;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.compute.TagUpdater.Applied;
import dev.cdp.tag.compute.TagUpdater.Logged;
import dev.cdp.tag.eventlog.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.jboss.logging.Logger;

/**
 * Consumes cdp.events.resolved a poll at a time: the poll's events are logged in one statement,
 * each profile's events applied with one read and one write (profiles side by side), and the
 * changes published together before the offsets are committed.
 *
 * <p>While PostgreSQL or Redis does not answer the poll waits and is applied when they are back
 * ({@link Stores}): its partitions stay paused and nothing is dead-lettered. A record that cannot
 * be read, or whose profile fails with both stores up, goes to cdp.dlq.tag-service with the
 * reason and the rest of the poll is applied; a replay is idempotent by messageId.
 */
@ApplicationScoped
public class ResolvedEventConsumer {

    private static final Logger LOG = Logger.getLogger(ResolvedEventConsumer.class);
    private final EventLog log;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final Stores stores;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter applied;
    private final Counter duplicates;

    public ResolvedEventConsumer(
            EventLog log,
            TagUpdater updater,
            TagsChangedPublisher publisher,
            Stores stores,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> deadLetters,
            MeterRegistry metrics) {
        this.log = log;
        this.updater = updater;
        this.publisher = publisher;
        this.stores = stores;
        this.deadLetters = deadLetters;
        this.applied = metrics.counter("cdp.tag.events", "outcome", "applied");
        this.duplicates = metrics.counter("cdp.tag.events", "outcome", "duplicate");
    }

    @Incoming("events-resolved")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Poll<ResolvedEvent> poll =
                Poll.read(records, ResolvedEventConsumer::read, ResolvedEvent::getOneId, deadLetters);
        if (poll.byProfile().isEmpty()) {
            return poll.finish(Uni.createFrom().voidItem());
        }
        Uni<Void> work = stores.untilApplied(() -> log.append(poll.all())).chain(seqs -> {
            List<Uni<Void>> profiles = new ArrayList<>();
            poll.byProfile()
                    .forEach((oneId, events) -> profiles.add(stores.untilApplied(() -> updater.apply(
                                    oneId,
                                    events.stream()
                                            .map(event -> new Logged(
                                                    event,
                                                    seqs.get(event.getEvent().getMessageId())))
                                            .toList()))
                            .chain(this::publish)
                            .onFailure()
                            .recoverWithUni(failure -> poll.deadLetter(oneId, failure))));
            return Uni.join().all(profiles).andCollectFailures().replaceWithVoid();
        });
        return poll.finish(work)
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "a poll of %d resolved events failed and goes to the dead-letter topic: %s",
                        records.count(), failure.getMessage()));
    }

    private static ResolvedEvent read(ConsumerRecord<String, byte[]> record) {
        ResolvedEvent event = CdpRecords.read(record, ResolvedEvent.getDefaultInstance());
        if (event.getOneId().isEmpty() || event.getEvent().getMessageId().isEmpty()) {
            throw new UnreadableRecordException("cdp.v1.ResolvedEvent without one_id or event.message_id");
        }
        return event;
    }

    private Uni<Void> publish(Applied outcome) {
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        return outcome.changes() == null || outcome.changes().isEmpty()
                ? Uni.createFrom().voidItem()
                : publisher.publish(outcome.changes());
    }
}
