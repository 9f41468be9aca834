package dev.cdp.identity.consent.repository;

import dev.cdp.identity.consent.ConsentRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentRecord, Long> {

    /** Every decision of the profile, oldest first: the last per purpose and channel is in force. */
    public Uni<List<ConsentRecord>> history(String oneId) {
        return list("oneId = ?1 order by at, id", oneId);
    }

    /** The decisions for a purpose of these profiles, oldest first, by profile and channel the latest. */
    public Uni<java.util.Map<String, java.util.Map<String, ConsentRecord>>> inForce(
            Collection<String> oneIds, String purpose) {
        return list("oneId in ?1 and purpose = ?2 order by at, id", oneIds, purpose)
                .map(records -> {
                    java.util.Map<String, java.util.Map<String, ConsentRecord>> latest = new java.util.HashMap<>();
                    records.forEach(record -> latest.computeIfAbsent(record.oneId, id -> new java.util.HashMap<>())
                            .put(record.channel, record));
                    return latest;
                });
    }

    public Uni<Long> deleteAll(Collection<String> oneIds) {
        return delete("oneId in ?1", oneIds);
    }
}
