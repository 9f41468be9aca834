package dev.cdp.identity.source.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<SourceRecord, String> {

    public Uni<List<SourceRecord>> listByCreation() {
        return list("order by createdAt, name");
    }

    public Uni<SourceRecord> findByWriteKey(String writeKey) {
        return find("writeKey", writeKey).firstResult();
    }

    public Uni<SourceRecord> findByName(String name) {
        return find("name", name).firstResult();
    }
}
