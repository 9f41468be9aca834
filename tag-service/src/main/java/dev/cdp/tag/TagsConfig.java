package dev.cdp.tag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How tags are computed and kept. */
@ConfigMapping(prefix = "cdp.tags")
public interface TagsConfig {

    /** How many recent messageIds per profile are remembered to drop redelivered events. */
    @WithDefault("256")
    int dedupeWindow();

    /** How often every instance reloads the catalogue from PostgreSQL. */
    @WithDefault("10s")
    Duration catalogueRefresh();

    /** How often the expiry pass looks for windows that moved on. */
    @WithDefault("60s")
    Duration expiryInterval();

    /** How long applied events are kept for backfills; the longest window (365 days) plus a margin. */
    @WithDefault("P400D")
    Duration eventLogRetention();

    /**
     * How long an erased OneID is remembered, so a change computed before the erasure and still on
     * its way through cdp.tags.changed is not recorded: the topic's retention, after which nothing
     * from before the erasure can arrive.
     */
    @WithDefault("P7D")
    Duration erasureMemory();

    /** How many profiles the expiry pass recomputes per round. */
    @WithDefault("500")
    int expiryBatch();

    /** How many reads may wait on one event loop's Redis connection. */
    @WithDefault("65536")
    int readPipelineDepth();
}
