package dev.cdp.tag.privacy.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.StoreErased;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Tells identity-service on cdp.privacy.confirmations that tag-service erased a person; completes when Kafka has it. */
@ApplicationScoped
public class ErasureConfirmedPublisher {

    static final String SERVICE = "tag-service";

    private final MutinyEmitter<byte[]> emitter;

    public ErasureConfirmedPublisher(@Channel("privacy-confirmations") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IdentityChanged erased, Map<String, Instant> stores) {
        ErasureConfirmed.Builder confirmed = ErasureConfirmed.newBuilder()
                .setRequestId(erased.getMessageId())
                .setOneId(erased.getOneId())
                .setService(SERVICE);
        stores.forEach((store, at) -> confirmed.addStores(
                StoreErased.newBuilder().setService(SERVICE).setStore(store).setFinishedAt(ProtoTime.timestamp(at))));
        return emitter.sendMessage(CdpRecords.keyed(erased.getOneId(), confirmed.build()));
    }
}
