package dev.cdp.activation.campaign.repository;

import dev.cdp.activation.campaign.Campaign;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, String> {

    public Uni<List<Campaign>> listBySegment(String segmentId) {
        return list("segmentId", Sort.by("createdAt").and("id"), segmentId);
    }
}
