package dev.cdp.identity.resolution.repository;

import dev.cdp.identity.resolution.IdentityLink;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The edges of the identity graph. */
@ApplicationScoped
public class LinkRepository implements PanacheRepositoryBase<IdentityLink, IdentityLink.Pair> {

    /** The links touching any of these identifiers. */
    public Uni<List<IdentityLink>> touching(Collection<String> keys) {
        return list("aKey in ?1 or bKey in ?1", keys);
    }

    /** Removes every link of an identifier. */
    public Uni<Long> removeAll(String key) {
        return delete("aKey = ?1 or bKey = ?1", key);
    }
}
