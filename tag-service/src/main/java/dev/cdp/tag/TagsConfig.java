package dev.cdp.tag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** How the walking skeleton's tags are computed. */
@ConfigMapping(prefix = "cdp.tags")
public interface TagsConfig {

    /** Track event names that count as an order (Segment's e-commerce spec name by default). */
    @WithDefault("Order Completed")
    Set<String> orderEvents();

    /** Days in the rolling window of the *_30d tags. */
    @WithDefault("30")
    int windowDays();

    /** How many recent messageIds per profile are remembered to drop redelivered events. */
    @WithDefault("256")
    int dedupeWindow();
}
