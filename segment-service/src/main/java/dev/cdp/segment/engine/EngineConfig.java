package dev.cdp.segment.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cdp.segment.engine")
public interface EngineConfig {

    /** Profiles read from profile_tags per query while the index is rebuilt at start. */
    @WithDefault("5000")
    int loadPage();
}
