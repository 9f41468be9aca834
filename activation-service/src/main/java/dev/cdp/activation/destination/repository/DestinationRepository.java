package dev.cdp.activation.destination.repository;

import dev.cdp.activation.destination.Destination;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class DestinationRepository implements PanacheRepositoryBase<Destination, String> {

    public Uni<List<Destination>> findByIds(Collection<String> ids) {
        return list("id in ?1", ids);
    }
}
