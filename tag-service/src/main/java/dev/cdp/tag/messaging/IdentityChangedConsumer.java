package dev.cdp.tag.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.tag.backfill.EventLog;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.privacy.TagEraser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.identity.changed: when profiles merge, their tag state folds into the survivor's
 * and the survivor's changes are published like any other; when a person is erased, everything
 * held on their OneIDs is deleted and the erasure confirmed on cdp.privacy.confirmations.
 * Unreadable records go to cdp.dlq.tag-service with the reason.
 */
@ApplicationScoped
public class IdentityChangedConsumer {

    private final EventLog log;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;
    private final TagEraser eraser;
    private final ErasureConfirmedPublisher confirmations;

    public IdentityChangedConsumer(EventLog log, TagUpdater updater, TagsChangedPublisher publisher, TagEraser eraser,
            ErasureConfirmedPublisher confirmations) {
        this.log = log;
        this.updater = updater;
        this.publisher = publisher;
        this.eraser = eraser;
        this.confirmations = confirmations;
    }

    @Incoming("identity-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        IdentityChanged change;
        try {
            change = CdpRecords.read(record, IdentityChanged.getDefaultInstance());
        } catch (UnreadableRecordException e) {
            return Uni.createFrom().failure(e);
        }
        if (change.getOneId().isEmpty()) {
            return Uni.createFrom().failure(new UnreadableRecordException("cdp.v1.IdentityChanged without one_id"));
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
        return rekeyed.chain(() -> updater.merge(change))
                .chain(all -> Multi.createFrom().iterable(all)
                        .filter(changes -> !changes.isEmpty())
                        .onItem().transformToUniAndConcatenate(publisher::publish)
                        .collect().last()
                        .replaceWithVoid());
    }
}
