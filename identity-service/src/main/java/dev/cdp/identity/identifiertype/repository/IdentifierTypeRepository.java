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

    public Uni<IdentifierTypeRecord> findByPriority(int priority) {
        return find("priority", priority).firstResult();
    }
}
