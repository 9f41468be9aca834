package dev.cdp.identity.privacy.grpc;

import dev.cdp.identity.privacy.erasure.ReceiptView;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.StoreErased;

/** Erasure receipts as cdp.v1.ErasureReceipt. */
public final class ReceiptProtos {

    private ReceiptProtos() {}

    public static ErasureReceipt receipt(ReceiptView view) {
        ErasureReceipt.Builder receipt = ErasureReceipt.newBuilder()
                .setRequestId(view.requestId())
                .setOneId(view.oneId())
                .addAllAbsorbedOneIds(view.absorbedOneIds())
                .setRequestedAt(ProtoTime.timestamp(view.requestedAt()))
                .addAllConfirmedServices(view.services().keySet())
                .addAllPendingServices(view.pendingServices())
                .setComplete(view.complete());
        view.services()
                .forEach((service, stores) -> stores.forEach((store, at) -> receipt.addStores(StoreErased.newBuilder()
                        .setService(service)
                        .setStore(store)
                        .setFinishedAt(ProtoTime.timestamp(at)))));
        if (view.completedAt() != null) {
            receipt.setCompletedAt(ProtoTime.timestamp(view.completedAt()));
        }
        return receipt.build();
    }
}
