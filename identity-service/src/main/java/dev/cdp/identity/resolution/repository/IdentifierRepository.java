package dev.cdp.identity.resolution.repository;

import dev.cdp.identity.resolution.ProfileIdentifier;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepositoryBase<ProfileIdentifier, String> {

    /** In type, then value order: values are sealed, so they are ordered once opened. */
    public Uni<List<ProfileIdentifier>> listByOneId(String oneId) {
        return list("oneId", oneId)
                .map(held -> held.stream()
                        .sorted(Comparator.<ProfileIdentifier, String>comparing(i -> i.type)
                                .thenComparing(i -> i.value))
                        .toList());
    }

    /** Gives these identifiers to another profile. */
    public Uni<Integer> moveKeys(Collection<String> keys, String toOneId) {
        return update("oneId = ?1 where key in ?2", toOneId, keys);
    }
}
