package dev.cdp.identity.profile.repository;

import dev.cdp.identity.profile.ProfileIdentifier;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class IdentifierRepository implements PanacheRepositoryBase<ProfileIdentifier, String> {

    public Uni<List<ProfileIdentifier>> findByKeys(Collection<String> keys) {
        return list("key in ?1", keys);
    }

    public Uni<List<ProfileIdentifier>> listByOneId(String oneId) {
        return list("oneId = ?1 order by type, value", oneId);
    }

    /** How many identifiers of each type each of the profiles holds. */
    public Uni<Map<String, Map<String, Integer>>> countByType(Collection<String> oneIds) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                        "select i.oneId, i.type, count(i) from ProfileIdentifier i where i.oneId in :oneIds group by i.oneId, i.type",
                        Object[].class)
                .setParameter("oneIds", oneIds)
                .getResultList())
                .map(rows -> {
                    Map<String, Map<String, Integer>> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.computeIfAbsent((String) row[0], k -> new HashMap<>())
                                .put((String) row[1], ((Number) row[2]).intValue());
                    }
                    return counts;
                });
    }

    /** Gives these identifiers to another profile. */
    public Uni<Integer> moveKeys(Collection<String> keys, String toOneId) {
        return update("oneId = ?1 where key in ?2", toOneId, keys);
    }

    public Uni<Integer> moveAll(String fromOneId, String toOneId) {
        return update("oneId = ?1 where oneId = ?2", toOneId, fromOneId);
    }
}
