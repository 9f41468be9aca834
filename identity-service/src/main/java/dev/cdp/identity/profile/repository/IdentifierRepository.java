package dev.cdp.identity.profile.repository;

import dev.cdp.identity.profile.ProfileIdentifier;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepositoryBase<ProfileIdentifier, String> {

    public Uni<List<ProfileIdentifier>> findByKeys(Collection<String> keys) {
        return list("key in ?1", keys);
    }

    public Uni<List<ProfileIdentifier>> listByOneId(String oneId) {
        return list("oneId = ?1 order by type, value", oneId);
    }

    public Uni<Integer> moveAll(String fromOneId, String toOneId) {
        return update("oneId = ?1 where oneId = ?2", toOneId, fromOneId);
    }
}
