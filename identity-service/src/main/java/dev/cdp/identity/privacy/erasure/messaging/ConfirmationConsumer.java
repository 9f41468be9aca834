package dev.cdp.identity.privacy.erasure.messaging;

import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.identity.privacy.erasure.StoreConfirmation;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.StoreErased;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes cdp.privacy.confirmations into the erasure receipts; a replayed confirmation changes
 * nothing. Unreadable records go to cdp.dlq.identity-service with the reason; while PostgreSQL is
 * down a confirmation waits for it.
 */
@ApplicationScoped
public class ConfirmationConsumer {

    private final ErasureService erasures;
    private final Stores stores;

    public ConfirmationConsumer(ErasureService erasures, Stores stores) {
        this.erasures = erasures;
        this.stores = stores;
    }

    @Incoming("privacy-confirmations")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        ErasureConfirmed confirmed;
        List<StoreConfirmation> erased = new ArrayList<>();
        try {
            confirmed = CdpRecords.read(record, ErasureConfirmed.getDefaultInstance());
            require(confirmed.getRequestId(), "request_id");
            require(confirmed.getService(), "service");
            for (StoreErased store : confirmed.getStoresList()) {
                require(store.getStore(), "stores.store");
                if (!store.hasFinishedAt()) {
                    throw new UnreadableRecordException(
                            "cdp.v1.ErasureConfirmed store " + store.getStore() + " has no finished_at");
                }
                erased.add(new StoreConfirmation(
                        confirmed.getService(), store.getStore(), ProtoTime.instant(store.getFinishedAt())));
            }
        } catch (UnreadableRecordException e) {
            return Uni.createFrom().failure(e);
        }
        if (erased.isEmpty()) {
            return Uni.createFrom()
                    .failure(new UnreadableRecordException(
                            "cdp.v1.ErasureConfirmed of request " + confirmed.getRequestId() + " names no store"));
        }
        return stores.untilApplied(() -> erasures.confirm(confirmed.getRequestId(), erased));
    }

    private static void require(String value, String field) {
        if (value.isBlank()) {
            throw new UnreadableRecordException("cdp.v1.ErasureConfirmed without " + field);
        }
    }
}
