package dev.cdp.segment.tagcatalogue;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the tag catalogue has been read: until then every definition would be refused, as
 * no condition can be checked against it.
 */
@Readiness
@ApplicationScoped
public class TagCatalogueReadiness implements HealthCheck {

    private final TagCatalogue catalogue;

    public TagCatalogueReadiness(TagCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public HealthCheckResponse call() {
        int known = catalogue.size();
        return HealthCheckResponse.named("tag catalogue")
                .status(known > 0)
                .withData("tags", known)
                .withData("source", "cdp.tags.catalogue")
                .build();
    }
}
