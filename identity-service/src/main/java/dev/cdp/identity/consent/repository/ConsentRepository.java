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

    public Uni<Long> deleteAll(Collection<String> oneIds) {
        return delete("oneId in ?1", oneIds);
    }
}
