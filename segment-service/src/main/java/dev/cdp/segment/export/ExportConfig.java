package dev.cdp.segment.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of segment exports; each is listed in the README's configuration table. */
@ConfigMapping(prefix = "cdp.segment.export")
public interface ExportConfig {

    /** Members read per query, and OneIDs per identity-service call, while an export streams. */
    @WithDefault("500")
    int batch();

    /** The most members one page of an export returns. */
    @WithDefault("1000")
    int maxLimit();

    /** How long one call to identity-service for a batch's identifiers may take. */
    @WithDefault("10s")
    Duration identityTimeout();

    /** How many times a call to identity-service that failed or timed out is made again. */
    @WithDefault("2")
    int identityRetries();

    /**
     * Exports written to a directory on a schedule, by name: {@code
     * cdp.segment.export.schedules.<name>.segment-id}, {@code .every}, {@code .format}, {@code
     * .identifiers}, {@code .hash}, {@code .directory}. The file is {@code <directory>/<name>.csv}
     * (or {@code .ndjson}), replaced whole at each run.
     */
    Map<String, Schedule> schedules();

    interface Schedule {

        String segmentId();

        Duration every();

        @WithDefault("csv")
        String format();

        /** Identifier types, comma-separated (email,phone). */
        Optional<String> identifiers();

        /** sha256, or none: values in clear (the file is written with the service's own rights). */
        @WithDefault("sha256")
        String hash();

        String directory();
    }
}
