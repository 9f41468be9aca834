package dev.cdp.activation.delivery.messaging;

import dev.cdp.activation.delivery.DeliveryService;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.identity.changed for erasures: the person's deliveries are anonymised and the
 * erasure confirmed on cdp.privacy.confirmations. Other changes concern no delivery. Unreadable
 * records go to cdp.dlq.activation-service with the reason.
 */
@ApplicationScoped
public class IdentityChangedConsumer {

    private final DeliveryService deliveries;
    private final ErasureConfirmedPublisher confirmations;
    private final Stores stores;

    public IdentityChangedConsumer(DeliveryService deliveries, ErasureConfirmedPublisher confirmations, Stores stores) {
        this.deliveries = deliveries;
        this.confirmations = confirmations;
        this.stores = stores;
    }

    @Incoming("identity-changed")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(
                record, IdentityChanged.getDefaultInstance(), change -> stores.untilApplied(() -> apply(change)));
    }

    private Uni<Void> apply(IdentityChanged change) {
        if (change.getChange() != IdentityChange.ERASED) {
            return Uni.createFrom().voidItem();
        }
        if (change.getOneId().isEmpty()) {
            return Uni.createFrom()
                    .failure(new UnreadableRecordException("cdp.v1.IdentityChanged ERASED without one_id"));
        }
        List<String> oneIds = new ArrayList<>();
        oneIds.add(change.getOneId());
        change.getAbsorbedList().forEach(absorbed -> oneIds.add(absorbed.getOneId()));
        return deliveries.erase(oneIds).chain(() -> confirmations.publish(change, Map.of("delivery", Instant.now())));
    }
}
