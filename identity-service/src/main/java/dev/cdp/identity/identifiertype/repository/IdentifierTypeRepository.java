package dev.cdp.identity.identifiertype.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class IdentifierTypeRepository implements PanacheRepositoryBase<IdentifierTypeRecord, String> {

    public Uni<List<IdentifierTypeRecord>> listAllTypes() {
        return list("order by priority");
    }

    /** Inserts the row unless its name or priority is taken: two instances may seed at once. */
    public Uni<Integer> insertIfAbsent(IdentifierTypeRecord row) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into identifier_type (name, priority, per_profile_limit, normalisation, blocked_values, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, row.name)
                .setParameter(2, row.priority)
                .setParameter(3, row.perProfileLimit)
                .setParameter(4, row.normalisation)
                .setParameter(5, row.blockedValues)
                .setParameter(6, row.updatedAt)
                .executeUpdate());
    }

    public Uni<IdentifierTypeRecord> findByPriority(int priority) {
        return find("priority", priority).firstResult();
    }
}
