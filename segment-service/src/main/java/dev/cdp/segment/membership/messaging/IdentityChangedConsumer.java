package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.segment.membership.MembershipEvaluator;
import dev.cdp.segment.membership.TagSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.identity.changed: a profile absorbed by a merge leaves its segments (EXIT), so no
 * segment keeps a OneID that no longer stands for a person. Unreadable records go to
 * cdp.dlq.segment-service with the reason.
 */
@ApplicationScoped
public class IdentityChangedConsumer {

    private final MembershipEvaluator evaluator;

    public IdentityChangedConsumer(MembershipEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Incoming("identity-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        IdentityChanged change;
        try {
            change = CdpRecords.read(record, IdentityChanged.getDefaultInstance());
        } catch (UnreadableRecordException e) {
            return Uni.createFrom().failure(e);
        }
        if (change.getChange() != IdentityChange.MERGED) {
            return Uni.createFrom().voidItem();
        }
        Instant at = change.hasAt() ? ProtoTime.instant(change.getAt()) : Instant.ofEpochMilli(record.timestamp());
        return Multi.createFrom().iterable(change.getAbsorbedList())
                .onItem().transformToUniAndConcatenate(absorbed -> evaluator.leaveAll(
                        new TagSnapshot(absorbed.getOneId(), absorbed.getOrdinal(), Map.of(), change.getMessageId(), at)))
                .collect().last()
                .replaceWithVoid();
    }
}
