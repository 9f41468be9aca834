package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.membership.MembershipEvaluator;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.TagSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.identity.changed: a profile absorbed by a merge leaves its segments (EXIT), so no
 * segment keeps a OneID that no longer stands for a person; an erased person's OneIDs leave
 * theirs the same way (the EXITs go out first, so activation stops targeting them) and the
 * erasure is confirmed on cdp.privacy.confirmations. Unreadable records go to
 * cdp.dlq.segment-service with the reason.
 */
@ApplicationScoped
public class IdentityChangedConsumer {

    private final MembershipEvaluator evaluator;
    private final ErasureConfirmedPublisher confirmations;
    private final Stores stores;
    private final ProfileTable profiles;
    private final SegmentEngine engine;

    public IdentityChangedConsumer(
            MembershipEvaluator evaluator,
            ErasureConfirmedPublisher confirmations,
            Stores stores,
            ProfileTable profiles,
            SegmentEngine engine) {
        this.evaluator = evaluator;
        this.profiles = profiles;
        this.engine = engine;
        this.confirmations = confirmations;
        this.stores = stores;
    }

    @Incoming("identity-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(
                record,
                IdentityChanged.getDefaultInstance(),
                change -> stores.untilApplied(() -> apply(change, record.timestamp())));
    }

    /** @param recordMillis when Kafka took the record: the change's time when it names none */
    private Uni<Void> apply(IdentityChanged change, long recordMillis) {
        Instant at = change.hasAt() ? ProtoTime.instant(change.getAt()) : Instant.ofEpochMilli(recordMillis);
        List<AbsorbedProfile> leaving = new ArrayList<>();
        switch (change.getChange()) {
            case MERGED -> leaving.addAll(change.getAbsorbedList());
            case ERASED -> {
                leaving.add(AbsorbedProfile.newBuilder()
                        .setOneId(change.getOneId())
                        .setOrdinal(change.getOrdinal())
                        .build());
                leaving.addAll(change.getAbsorbedList());
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
        List<String> gone = leaving.stream().map(AbsorbedProfile::getOneId).toList();
        Uni<Void> left = profiles.forget(gone)
                .invoke(() -> engine.forget(gone))
                .chain(() -> Multi.createFrom()
                        .iterable(leaving)
                        .onItem()
                        .transformToUniAndConcatenate(profile -> evaluator.leaveAll(new TagSnapshot(
                                profile.getOneId(), profile.getOrdinal(), Map.of(), change.getMessageId(), at)))
                        .collect()
                        .last()
                        .replaceWithVoid());
        if (change.getChange() != IdentityChange.ERASED) {
            return left;
        }
        return left.chain(() -> {
            Map<String, Instant> erased = new LinkedHashMap<>();
            erased.put("membership", Instant.now());
            erased.put("profile_tags", Instant.now());
            return confirmations.publish(change, erased);
        });
    }
}
