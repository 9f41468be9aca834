package dev.cdp.identity.privacy.erasure.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes erasures on cdp.identity.changed (ERASED), keyed by the erased person's OneID, so every
 * service deletes what it holds on them. Completes when Kafka has it.
 */
@ApplicationScoped
public class ErasurePublisher {

    private final MutinyEmitter<byte[]> emitter;

    // The channel's one emitter, configured as every sender on it is (resolution's MergePublisher: unbounded).
    public ErasurePublisher(
            @Channel("identity-changed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * The person {@code oneId} and the OneIDs absorbed into it were erased; the request id is the
     * message id, which every service names in its cdp.privacy.confirmations record.
     */
    public Uni<Void> publishErasure(String requestId, String oneId, int ordinal, List<String> absorbed, Instant at) {
        IdentityChanged.Builder change = IdentityChanged.newBuilder()
                .setMessageId(requestId)
                .setChange(IdentityChange.ERASED)
                .setOneId(oneId)
                .setOrdinal(ordinal)
                .setCauseMessageId(requestId)
                .setAt(ProtoTime.timestamp(at));
        absorbed.forEach(id -> change.addAbsorbed(AbsorbedProfile.newBuilder().setOneId(id)));
        return emitter.sendMessage(CdpRecords.keyed(oneId, change.build()));
    }
}
