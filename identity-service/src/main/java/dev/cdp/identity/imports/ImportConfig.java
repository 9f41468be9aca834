package dev.cdp.identity.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** CSV import settings ({@code cdp.imports.*}); each is listed in the service README. */
@ConfigMapping(prefix = "cdp.imports")
public interface ImportConfig {

    /** Rows one import takes; a larger file is refused whole (413). */
    @WithDefault("50000")
    int maxRows();
}
