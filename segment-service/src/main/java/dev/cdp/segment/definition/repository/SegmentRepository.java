package dev.cdp.segment.definition.repository;

import dev.cdp.segment.definition.Segment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SegmentRepository implements PanacheRepositoryBase<Segment, String> {

    public Uni<Segment> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<List<Segment>> listByCreation() {
        return list("order by createdAt, name");
    }

    public Uni<Boolean> exists(String id) {
        return count("id", id).map(n -> n > 0);
    }
}
