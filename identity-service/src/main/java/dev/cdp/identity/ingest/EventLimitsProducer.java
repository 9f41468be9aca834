package dev.cdp.identity.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The ingest limits in force ({@code cdp.ingest.*}, listed in the service README). */
@Singleton
class EventLimitsProducer {

    @Produces
    @Singleton
    EventLimits limits(
            @ConfigProperty(name = "cdp.ingest.max-event-size") MemorySize maxEvent,
            @ConfigProperty(name = "cdp.ingest.max-batch-body") MemorySize maxBatch,
            @ConfigProperty(name = "cdp.ingest.max-depth") int maxDepth,
            @ConfigProperty(name = "cdp.ingest.max-future") Duration maxFuture) {
        return new EventLimits((int) maxEvent.asLongValue(), (int) maxBatch.asLongValue(), maxDepth, maxFuture);
    }
}
