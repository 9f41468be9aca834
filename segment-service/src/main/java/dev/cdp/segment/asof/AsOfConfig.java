package dev.cdp.segment.asof;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of segments as of a date and of filling profile_tags from tag-service; in the README's configuration table. */
@ConfigMapping(prefix = "cdp.as-of")
public interface AsOfConfig {

    /**
     * How long a ScanTags stream from tag-service may send nothing before the read is given up:
     * a tag-service that went away must not hold a request (or the fill) forever.
     */
    @WithDefault("30s")
    Duration scanIdleTimeout();

    /** How long after a failed fill of profile_tags (tag-service not up yet) it is tried again. */
    @WithDefault("1m")
    Duration fillRetryInterval();
}
