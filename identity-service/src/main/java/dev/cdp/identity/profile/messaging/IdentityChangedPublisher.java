package dev.cdp.identity.profile.messaging;

import dev.cdp.identity.profile.Resolution;
import dev.cdp.identity.profile.Split;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.SplitPart;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes on cdp.identity.changed, keyed by the surviving OneID: merges, so the owners of
 * per-profile state fold the absorbed profiles into the survivor, and erasures, so they delete
 * what they hold on the person. Completes when Kafka has it.
 */
@ApplicationScoped
public class IdentityChangedPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public IdentityChangedPublisher(
            // A batch sends all its records at once and awaits them: each request bounds what is in flight.
            @Channel("identity-changed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Does nothing when the resolution merged nothing. */
    public Uni<Void> publishMerges(Resolution resolution, String cause, Instant at) {
        if (resolution.absorbed().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder identity = new StringBuilder("merged/").append(resolution.oneId()).append('/').append(cause);
        IdentityChanged.Builder change = IdentityChanged.newBuilder()
                .setChange(IdentityChange.MERGED)
                .setOneId(resolution.oneId())
                .setOrdinal(resolution.ordinal())
                .setCauseMessageId(cause)
                .setAt(ProtoTime.timestamp(at));
        for (Resolution.Absorbed absorbed : resolution.absorbed()) {
            change.addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed.oneId()).setOrdinal(absorbed.ordinal()));
            identity.append('/').append(absorbed.oneId());
        }
        // Derived from what changed, so the same merge published again keeps its id.
        change.setMessageId(UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8)).toString());
        return emitter.sendMessage(CdpRecords.keyed(resolution.oneId(), change.build()));
    }

    /** Publishes an unmerge: the split profile and every part, with the identifiers each now holds. */
    public Uni<Void> publishSplit(Split split) {
        IdentityChanged.Builder change = IdentityChanged.newBuilder()
                .setMessageId(UUID.nameUUIDFromBytes(("split/" + split.cause()).getBytes(StandardCharsets.UTF_8)).toString())
                .setChange(IdentityChange.SPLIT)
                .setOneId(split.oneId())
                .setOrdinal(split.parts().get(0).ordinal())
                .setCauseMessageId(split.cause())
                .setAt(ProtoTime.timestamp(split.at()));
        for (Split.Part part : split.parts()) {
            SplitPart.Builder proto = SplitPart.newBuilder().setOneId(part.oneId()).setOrdinal(part.ordinal());
            part.identifiers().forEach(id -> proto.addIdentifierKeys(id.key()));
            change.addParts(proto);
        }
        return emitter.sendMessage(CdpRecords.keyed(split.oneId(), change.build()));
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
