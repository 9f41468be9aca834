package dev.cdp.segment.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the profile index is rebuilt: before that a preview cannot answer and a backfill
 * would decide over part of the profiles.
 */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

    private final SegmentEngine engine;

    public EngineReadiness(SegmentEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        if (!engine.isLoaded()) {
            return HealthCheckResponse.named("segment engine")
                    .down()
                    .withData("state", "indexing profile_tags")
                    .build();
        }
        return HealthCheckResponse.named("segment engine").up().build();
    }
}
