package dev.cdp.identity.source.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<SourceRecord, String> {

    public Uni<List<SourceRecord>> listByCreation() {
        return list("order by createdAt, name");
    }

    /** The source whose current key, or previous key still in its overlap, has this hash. */
    public Uni<SourceRecord> findByKeyHash(String hash, Instant now) {
        return find("writeKeyHash = ?1 or (previousKeyHash = ?1 and previousKeyUntil > ?2)", hash, now)
                .firstResult();
    }

    public Uni<SourceRecord> findByName(String name) {
        return find("name", name).firstResult();
    }
}
