package dev.cdp.segment.growth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the growth models; each is listed in the README's configuration table. */
@ConfigMapping(prefix = "cdp.models")
public interface GrowthConfig {

    /** How often RFM is scored again over every customer (0s: only when asked for). */
    @WithDefault("24h")
    Duration rfmEvery();

    /** How many profiles' model tags are written to tag-service at once. */
    @WithDefault("16")
    int writeConcurrency();
}
