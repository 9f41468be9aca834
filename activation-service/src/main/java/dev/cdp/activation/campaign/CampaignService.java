package dev.cdp.activation.campaign;

import dev.cdp.activation.ResourceNotFoundException;
import dev.cdp.activation.campaign.repository.CampaignRepository;
import dev.cdp.activation.destination.DestinationService;
import dev.cdp.activation.destination.DestinationView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Creates campaigns and finds the ones a segment triggers. */
@ApplicationScoped
public class CampaignService {

    private final CampaignRepository campaigns;
    private final DestinationService destinations;

    public CampaignService(CampaignRepository campaigns, DestinationService destinations) {
        this.campaigns = campaigns;
        this.destinations = destinations;
    }

    /** @throws ResourceNotFoundException (as the failure) when the destination does not exist */
    @WithTransaction
    public Uni<CampaignView> create(CampaignSpec spec) {
        return destinations
                .find(spec.destinationId())
                .onItem()
                .ifNull()
                .failWith(() -> new ResourceNotFoundException("destination_id: no destination \"" + spec.destinationId()
                        + "\"; create it first with CreateDestination or POST /v1/destinations"))
                .chain(destination -> {
                    Campaign campaign = new Campaign();
                    campaign.id = UUID.randomUUID().toString();
                    campaign.name = spec.name();
                    campaign.segmentId = spec.segmentId();
                    campaign.destinationId = spec.destinationId();
                    campaign.message = spec.message();
                    campaign.createdAt = Instant.now();
                    return campaigns.persist(campaign);
                })
                .map(CampaignView::of);
    }

    /** The campaign, or null when there is none with this id. */
    @WithSession
    public Uni<CampaignView> find(String id) {
        return campaigns.findById(id).map(found -> found == null ? null : CampaignView.of(found));
    }

    /** The campaigns on a segment with their destinations, oldest campaign first. */
    @WithSession
    public Uni<List<CampaignTarget>> targetsFor(String segmentId) {
        return campaigns.listBySegment(segmentId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.<CampaignTarget>of());
            }
            return destinations
                    .findAll(found.stream().map(c -> c.destinationId).distinct().toList())
                    .map(known -> {
                        Map<String, DestinationView> byId =
                                known.stream().collect(Collectors.toMap(DestinationView::id, Function.identity()));
                        return found.stream()
                                .map(c -> new CampaignTarget(CampaignView.of(c), byId.get(c.destinationId)))
                                .toList();
                    });
        });
    }
}
