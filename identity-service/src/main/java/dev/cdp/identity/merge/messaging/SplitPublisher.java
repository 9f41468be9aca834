package dev.cdp.identity.merge.messaging;

import dev.cdp.identity.merge.Split;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.SplitPart;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes unmerges on cdp.identity.changed (SPLIT), keyed by the split profile's OneID, so tags
 * and segments follow each part. Completes when Kafka has it.
 */
@ApplicationScoped
public class SplitPublisher {

    private final MutinyEmitter<byte[]> emitter;

    // The channel's one emitter, configured as every sender on it is (resolution's MergePublisher: unbounded).
    public SplitPublisher(
            @Channel("identity-changed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Publishes an unmerge: the split profile and every part, with the identifiers each now holds. */
    public Uni<Void> publishSplit(Split split) {
        IdentityChanged.Builder change = IdentityChanged.newBuilder()
                .setMessageId(UUID.nameUUIDFromBytes(("split/" + split.cause()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setChange(IdentityChange.SPLIT)
                .setOneId(split.oneId())
                .setOrdinal(split.parts().get(0).ordinal())
                .setCauseMessageId(split.cause())
                .setAt(ProtoTime.timestamp(split.at()));
        for (Split.Part part : split.parts()) {
            SplitPart.Builder proto =
                    SplitPart.newBuilder().setOneId(part.oneId()).setOrdinal(part.ordinal());
            part.identifiers().forEach(id -> proto.addIdentifierKeys(id.key()));
            change.addParts(proto);
        }
        return emitter.sendMessage(CdpRecords.keyed(split.oneId(), change.build()));
    }
}
