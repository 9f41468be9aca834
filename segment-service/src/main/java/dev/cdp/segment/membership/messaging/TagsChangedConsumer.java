package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.Poll;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.membership.MembershipEvaluator;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.StoredProfile;
import dev.cdp.segment.profile.TagSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
 * whose memberships move opens a transaction. While PostgreSQL is down the poll waits for it
 * ({@link Stores}). A record that cannot be read, or whose profile's evaluation failed with the
 * database up, goes to cdp.dlq.segment-service with the reason; the rest of the poll is
 * applied.
 */
@ApplicationScoped
public class TagsChangedConsumer {

    private static final Logger LOG = Logger.getLogger(TagsChangedConsumer.class);

    private final MembershipEvaluator evaluator;
    private final SegmentCatalog catalog;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Stores stores;
    private final ProfileTable profiles;
    private final SegmentEngine engine;

    public TagsChangedConsumer(
            MembershipEvaluator evaluator,
            SegmentCatalog catalog,
            Stores stores,
            ProfileTable profiles,
            SegmentEngine engine,
            @Channel("dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> deadLetters) {
        this.evaluator = evaluator;
        this.catalog = catalog;
        this.deadLetters = deadLetters;
        this.stores = stores;
        this.profiles = profiles;
        this.engine = engine;
    }

    @Incoming("tags-changed")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Poll<TagSnapshot> poll = Poll.read(records, TagsChangedConsumer::read, TagSnapshot::oneId, deadLetters);
        Map<String, List<TagSnapshot>> snapshots = poll.byProfile();
        if (snapshots.isEmpty()) {
            return poll.finish(Uni.createFrom().voidItem());
        }
        // Each profile's latest tags are kept first: a segment defined later is decided over them.
        List<TagSnapshot> latest = snapshots.values().stream()
                .map(ofOne -> ofOne.get(ofOne.size() - 1))
                .toList();
        return poll.finish(stores.untilApplied(() -> profiles.keep(latest)
                        .invoke(() -> engine.keep(latest))
                        .chain(() -> Uni.combine()
                                .all()
                                .unis(catalog.current(), evaluator.memberships(snapshots.keySet()))
                                .asTuple()))
                // Said here: the poll's records go to the dead-letter topic, and the reason should be in the log too.
                .onFailure()
                .invoke(failure -> LOG.errorf(
                        failure,
                        "a poll of %d tag changes could not be read in; its records go to the dead-letter topic",
                        records.count()))
                .chain(both -> Multi.createFrom()
                        .iterable(snapshots.entrySet())
                        // One profile at a time: each transaction has the reactive session to itself.
                        .onItem()
                        .transformToUniAndConcatenate(profile -> stores.untilApplied(() -> evaluator.evaluate(
                                        both.getItem1(),
                                        profile.getValue(),
                                        both.getItem2().getOrDefault(profile.getKey(), Set.of())))
                                .replaceWithVoid()
                                .onFailure()
                                .recoverWithUni(failure -> {
                                    LOG.errorf(
                                            failure,
                                            "tags changes of %s failed; their records go to the dead-letter topic",
                                            profile.getKey());
                                    return poll.deadLetter(profile.getKey(), failure);
                                }))
                        .collect()
                        .last()
                        .replaceWithVoid()));
    }

    private static TagSnapshot read(ConsumerRecord<String, byte[]> record) {
        TagsChanged change = CdpRecords.read(record, TagsChanged.getDefaultInstance());
        if (change.getOneId().isBlank()) {
            throw new UnreadableRecordException("cdp.v1.TagsChanged without one_id");
        }
        // Refused here, alone: at the insert it would fail the whole poll, good records with it.
        if (change.getOneId().length() > StoredProfile.ONE_ID_LENGTH) {
            throw new UnreadableRecordException("one_id is " + change.getOneId().length()
                    + " characters long; a OneID has at most " + StoredProfile.ONE_ID_LENGTH);
        }
        // Both fallbacks come from the record itself, so a redelivery still yields the same transition ids.
        String cause = change.getCauseMessageId().isEmpty()
                ? "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset()
                : change.getCauseMessageId();
        Instant at = change.hasChangedAt()
                ? ProtoTime.instant(change.getChangedAt())
                : Instant.ofEpochMilli(record.timestamp());
        return new TagSnapshot(change.getOneId(), change.getOrdinal(), change.getTagsMap(), cause, at);
    }
}
