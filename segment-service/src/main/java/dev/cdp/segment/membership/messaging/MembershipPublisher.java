package dev.cdp.segment.membership.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.Transition;
import dev.cdp.segment.membership.MembershipTransition;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes transitions on cdp.segments.membership, keyed by OneID; completes when Kafka has all of them. */
@ApplicationScoped
public class MembershipPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public MembershipPublisher(@Channel("segments-membership") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends all at once; the producer keeps their order, as they share the key and so the partition. */
    public Uni<Void> publish(List<MembershipTransition> transitions) {
        return Uni.join()
                .all(transitions.stream().map(this::send).toList())
                .andFailFast()
                .replaceWithVoid();
    }

    private Uni<Void> send(MembershipTransition transition) {
        MembershipChanged payload = MembershipChanged.newBuilder()
                .setMessageId(transition.messageId())
                .setOneId(transition.oneId())
                .setOrdinal(transition.ordinal())
                .setSegmentId(transition.segmentId())
                .setSegmentName(transition.segmentName())
                .setTransition(Transition.valueOf(transition.transition().name()))
                .setAt(ProtoTime.timestamp(transition.at()))
                .putAllTags(transition.tags())
                .build();
        return emitter.sendMessage(CdpRecords.keyed(transition.oneId(), payload));
    }
}
