package dev.cdp.identity.privacy.erasure.repository;

import dev.cdp.identity.privacy.erasure.ErasedStore;
import dev.cdp.identity.privacy.erasure.ErasureRequest;
import dev.cdp.identity.privacy.erasure.StoreConfirmation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ErasureRepository {

    /** The latest request that erased the OneID, whether it was the person's OneID or one merged into it; null when none. */
    public Uni<ErasureRequest> findByErasedOneId(String oneId) {
        return ErasureRequest.<ErasureRequest>find(
                        "oneId = ?1 or absorbedOneIds like ?2 order by requestedAt desc", oneId, "%" + oneId + "%")
                .firstResult();
    }

    public Uni<ErasureRequest> findById(String id) {
        return ErasureRequest.findById(id);
    }

    public Uni<List<ErasedStore>> stores(String requestId) {
        return ErasedStore.list("requestId = ?1 order by finishedAt, key", requestId);
    }

    /** Records that a store finished, unless it was recorded before (the first confirmation wins). */
    public Uni<Void> confirm(String requestId, StoreConfirmation confirmation) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into erased_store (store_key, request_id, service, store, finished_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (store_key) do nothing
                        """)
                        .setParameter(1, requestId + "/" + confirmation.service() + "/" + confirmation.store())
                        .setParameter(2, requestId)
                        .setParameter(3, confirmation.service())
                        .setParameter(4, confirmation.store())
                        .setParameter(5, confirmation.finishedAt())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
