package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.DeadLetters;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.membership.MembershipEvaluator;
import dev.cdp.segment.membership.TagSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Consumes cdp.tags.changed a poll at a time and re-evaluates the memberships of the profiles in
 * it: one read of all their memberships, then each profile's snapshots in order; only a profile
 * whose memberships move opens a transaction. A record that cannot be read, or whose profile's
 * evaluation failed, goes to cdp.dlq.segment-service with the reason; the rest of the poll is
 * applied.
 */
@ApplicationScoped
public class TagsChangedConsumer {

    private static final Logger LOG = Logger.getLogger(TagsChangedConsumer.class);

    private final MembershipEvaluator evaluator;
    private final SegmentCatalog catalog;
    private final MutinyEmitter<byte[]> deadLetters;

    public TagsChangedConsumer(MembershipEvaluator evaluator, SegmentCatalog catalog,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> deadLetters) {
        this.evaluator = evaluator;
        this.catalog = catalog;
        this.deadLetters = deadLetters;
    }

    @Incoming("tags-changed")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<Uni<Void>> unreadable = new ArrayList<>();
        // A profile's records share a partition, so they come in the order its tags changed.
        Map<String, List<TagSnapshot>> snapshots = new LinkedHashMap<>();
        Map<String, List<ConsumerRecord<String, byte[]>>> recordsByProfile = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                TagSnapshot snapshot = read(record);
                snapshots.computeIfAbsent(snapshot.oneId(), id -> new ArrayList<>()).add(snapshot);
                recordsByProfile.computeIfAbsent(snapshot.oneId(), id -> new ArrayList<>()).add(record);
            } catch (UnreadableRecordException e) {
                unreadable.add(deadLetters.sendMessage(DeadLetters.of(record, e)));
            }
        }
        Uni<Void> evaluated = snapshots.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.combine().all().unis(catalog.current(), evaluator.memberships(snapshots.keySet())).asTuple()
                        .chain(both -> Multi.createFrom().iterable(snapshots.entrySet())
                                // One profile at a time: each transaction has the reactive session to itself.
                                .onItem().transformToUniAndConcatenate(profile -> evaluator.evaluate(both.getItem1(), profile.getValue(),
                                                both.getItem2().getOrDefault(profile.getKey(), Set.of()))
                                        .replaceWithVoid()
                                        .onFailure().recoverWithUni(failure -> deadLetter(recordsByProfile.get(profile.getKey()), failure)))
                                .collect().last().replaceWithVoid());
        unreadable.add(evaluated);
        return Uni.join().all(unreadable).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> deadLetter(List<ConsumerRecord<String, byte[]>> records, Throwable failure) {
        LOG.errorf(failure, "tags changes of %s failed; their %d records go to the dead-letter topic", records.get(0).key(), records.size());
        return Uni.join().all(records.stream().map(record -> deadLetters.sendMessage(DeadLetters.of(record, failure))).toList())
                .andCollectFailures().replaceWithVoid();
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
