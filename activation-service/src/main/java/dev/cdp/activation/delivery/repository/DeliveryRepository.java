package dev.cdp.activation.delivery.repository;

import dev.cdp.activation.delivery.Delivery;
import dev.cdp.activation.delivery.DeliveryStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /**
     * Inserts a PENDING delivery unless the campaign already has one for this membership message.
     * One statement, so a replay neither fails the transaction nor races a concurrent insert.
     *
     * @return whether the row was inserted
     */
    public Uni<Boolean> insertIfAbsent(
            String id, String campaignId, String oneId, String membershipMessageId, Instant at) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into delivery (id, campaign_id, one_id, membership_message_id, status, attempts,
                                              created_at, updated_at)
                        values (?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?6)
                        on conflict (campaign_id, membership_message_id) do nothing
                        """)
                        .setParameter(1, id)
                        .setParameter(2, campaignId)
                        .setParameter(3, oneId)
                        .setParameter(4, membershipMessageId)
                        .setParameter(5, at)
                        .setParameter(6, at)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Integer> recordAttempt(String id, DeliveryStatus status, Integer statusCode, String error, Instant at) {
        return update(
                "status = ?1, attempts = attempts + 1, lastStatusCode = ?2, lastError = ?3, updatedAt = ?4"
                        + " where id = ?5",
                status,
                statusCode,
                error,
                at,
                id);
    }

    public Uni<List<Delivery>> listByOneId(String oneId) {
        return list("oneId", Sort.descending("createdAt", "id"), oneId);
    }

    /**
     * Keeps the profiles' deliveries as counts a campaign report needs (campaign, status, attempts,
     * times) and removes what points at the person: the OneID, the membership message derived from
     * it and the last error, which may echo the payload.
     *
     * @return how many deliveries were anonymised
     */
    public Uni<Integer> anonymise(Collection<String> oneIds) {
        return update(
                "oneId = ?1, membershipMessageId = concat(?2, id), lastError = null where oneId in ?3",
                Delivery.ERASED,
                Delivery.ERASED + ":",
                oneIds);
    }

    public Uni<List<Delivery>> listByCampaign(String campaignId) {
        return list("campaignId", Sort.descending("createdAt", "id"), campaignId);
    }

    /** How many deliveries have each status, with every status present. */
    public Uni<Map<DeliveryStatus, Long>> countByStatus() {
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "select d.status, count(d) from Delivery d group by d.status", Object[].class)
                        .getResultList())
                .map(rows -> {
                    Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
                    for (DeliveryStatus status : DeliveryStatus.values()) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put((DeliveryStatus) row[0], (Long) row[1]));
                    return counts;
                });
    }
}
