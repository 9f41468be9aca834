package dev.cdp.identity.resolution.messaging;

import dev.cdp.identity.resolution.Resolution;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes merges on cdp.identity.changed (MERGED), keyed by the surviving OneID, so the owners of
 * per-profile state fold the absorbed profiles into the survivor. Completes when Kafka has it.
 * Unmerges and erasures go on the same channel from their own features (merge, privacy).
 */
@ApplicationScoped
public class MergePublisher {

    private final MutinyEmitter<byte[]> emitter;

    public MergePublisher(
            // A batch sends all its records at once and awaits them: each request bounds what is in flight.
            @Channel("identity-changed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Does nothing when the resolution merged nothing. */
    public Uni<Void> publishMerges(Resolution resolution, String cause, Instant at) {
        if (resolution.absorbed().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder identity = new StringBuilder("merged/")
                .append(resolution.oneId())
                .append('/')
                .append(cause);
        IdentityChanged.Builder change = IdentityChanged.newBuilder()
                .setChange(IdentityChange.MERGED)
                .setOneId(resolution.oneId())
                .setOrdinal(resolution.ordinal())
                .setCauseMessageId(cause)
                .setAt(ProtoTime.timestamp(at));
        for (Resolution.Absorbed absorbed : resolution.absorbed()) {
            change.addAbsorbed(
                    AbsorbedProfile.newBuilder().setOneId(absorbed.oneId()).setOrdinal(absorbed.ordinal()));
            identity.append('/').append(absorbed.oneId());
        }
        // Derived from what changed, so the same merge published again keeps its id.
        change.setMessageId(UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8))
                .toString());
        return emitter.sendMessage(CdpRecords.keyed(resolution.oneId(), change.build()));
    }
}
