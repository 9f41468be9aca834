package dev.cdp.identity.profile.repository;

import dev.cdp.identity.profile.ProfileIdentifier;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepositoryBase<ProfileIdentifier, String> {

    public Uni<List<ProfileIdentifier>> listByOneId(String oneId) {
        return list("oneId = ?1 order by type, value", oneId);
    }

    /** Gives these identifiers to another profile. */
    public Uni<Integer> moveKeys(Collection<String> keys, String toOneId) {
        return update("oneId = ?1 where key in ?2", toOneId, keys);
    }
}
