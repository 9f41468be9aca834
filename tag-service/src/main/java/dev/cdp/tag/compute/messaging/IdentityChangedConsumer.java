package dev.cdp.tag.compute.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.SplitPart;
import dev.cdp.tag.compute.TagChanges;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.eventlog.EventLog;
import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.privacy.TagEraser;
import dev.cdp.tag.privacy.messaging.ErasureConfirmedPublisher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.identity.changed: when profiles merge, their tag state folds into the survivor's;
 * when one is split, each part is recomputed from its own events; the changes are published like
 * any other, and the history records that the absorbed profiles hold no tags from then on. When a person is erased, everything held on their OneIDs is deleted and the erasure
 * confirmed on cdp.privacy.confirmations. Unreadable records go to cdp.dlq.tag-service with the
 * reason; a change waits while a store is down ({@link Stores}).
 */
@ApplicationScoped
public class IdentityChangedConsumer {

    private final EventLog log;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final TagEraser eraser;
    private final ErasureConfirmedPublisher confirmations;
    private final Stores stores;
    private final TagHistory history;

    public IdentityChangedConsumer(
            EventLog log,
            TagUpdater updater,
            TagsChangedPublisher publisher,
            TagEraser eraser,
            ErasureConfirmedPublisher confirmations,
            Stores stores,
            TagHistory history) {
        this.history = history;
        this.log = log;
        this.updater = updater;
        this.publisher = publisher;
        this.eraser = eraser;
        this.confirmations = confirmations;
        this.stores = stores;
    }

    @Incoming("identity-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(
                record, IdentityChanged.getDefaultInstance(), change -> stores.untilApplied(() -> apply(change)));
    }

    private Uni<Void> apply(IdentityChanged change) {
        if (change.getOneId().isEmpty()) {
            return Uni.createFrom().failure(new UnreadableRecordException("cdp.v1.IdentityChanged without one_id"));
        }
        if (change.getChange() == IdentityChange.SPLIT) {
            return split(change);
        }
        if (change.getChange() == IdentityChange.ERASED) {
            List<String> oneIds = new ArrayList<>();
            oneIds.add(change.getOneId());
            change.getAbsorbedList().forEach(absorbed -> oneIds.add(absorbed.getOneId()));
            return eraser.erase(oneIds).chain(stores -> confirmations.publish(change, stores));
        }
        if (change.getChange() != IdentityChange.MERGED) {
            return Uni.createFrom().voidItem();
        }
        // The log moves first: a backfill of the survivor then finds the absorbed profile's events.
        Uni<Void> rekeyed = Uni.createFrom().voidItem();
        for (AbsorbedProfile absorbed : change.getAbsorbedList()) {
            rekeyed = rekeyed.call(() -> log.rekey(absorbed.getOneId(), change.getOneId()));
        }
        List<String> absorbed =
                change.getAbsorbedList().stream().map(AbsorbedProfile::getOneId).toList();
        return rekeyed.chain(() -> updater.merge(change))
                .chain(this::publishAll)
                .chain(() -> history.mergedAway(absorbed, Instant.now(), change.getMessageId()));
    }

    /**
     * A split: each part takes the logged events its identifiers sent and is recomputed from
     * them; the part keeping the OneID keeps its custom and model values. A replay recomputes
     * to the same values and publishes nothing.
     */
    private Uni<Void> split(IdentityChanged change) {
        Map<String, Set<String>> parts = new LinkedHashMap<>();
        for (SplitPart part : change.getPartsList()) {
            parts.put(part.getOneId(), Set.copyOf(part.getIdentifierKeysList()));
        }
        return log.assign(change.getOneId(), parts)
                .chain(() -> Multi.createFrom()
                        .iterable(change.getPartsList())
                        .onItem()
                        .transformToUniAndConcatenate(part -> log.all(part.getOneId())
                                .chain(events -> updater.rebuild(
                                        part.getOneId(),
                                        part.getOrdinal(),
                                        events,
                                        part.getOneId().equals(change.getOneId()),
                                        change.getMessageId())))
                        .collect()
                        .asList())
                .chain(this::publishAll);
    }

    private Uni<Void> publishAll(List<TagChanges> all) {
        return Multi.createFrom()
                .iterable(all)
                .filter(changes -> !changes.isEmpty())
                .onItem()
                .transformToUniAndConcatenate(publisher::publish)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
