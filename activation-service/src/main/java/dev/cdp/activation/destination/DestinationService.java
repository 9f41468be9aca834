package dev.cdp.activation.destination;

import dev.cdp.activation.destination.repository.DestinationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Creates and reads destinations. */
@ApplicationScoped
public class DestinationService {

    private final DestinationRepository destinations;

    public DestinationService(DestinationRepository destinations) {
        this.destinations = destinations;
    }

    @WithTransaction
    public Uni<DestinationView> create(DestinationSpec spec) {
        Destination destination = new Destination();
        destination.id = UUID.randomUUID().toString();
        destination.name = spec.name();
        destination.type = spec.type();
        destination.url = spec.url();
        destination.createdAt = Instant.now();
        return destinations.persist(destination).map(DestinationView::of);
    }

    /** The destination, or null when there is none with this id. */
    @WithSession
    public Uni<DestinationView> find(String id) {
        return destinations.findById(id).map(found -> found == null ? null : DestinationView.of(found));
    }

    @WithSession
    public Uni<List<DestinationView>> findAll(Collection<String> ids) {
        return destinations
                .findByIds(ids)
                .map(found -> found.stream().map(DestinationView::of).toList());
    }
}
