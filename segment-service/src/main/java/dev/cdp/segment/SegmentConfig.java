package dev.cdp.segment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of segment-service; each is listed in the README's configuration table. */
@ConfigMapping(prefix = "cdp.segment")
public interface SegmentConfig {

    /**
     * How old the in-memory list of compiled segments may get before the next evaluation reloads
     * it, so segments created through another instance are evaluated here too.
     */
    @WithDefault("5s")
    Duration reloadInterval();

    /** The most members one REST page returns. */
    @WithDefault("1000")
    int membersMaxLimit();

    /**
     * How often segments whose rules read the clock ({@code last_order_at WITHIN 30 DAYS}) are
     * decided again over every profile, so people leave them as time passes without any event.
     */
    @WithDefault("15m")
    Duration timeRecheckInterval();

    /** How often every segment's size is recorded, for its size over time. */
    @WithDefault("1h")
    Duration sizeInterval();

    /** How many members ListMembers reads from the database per round trip while streaming. */
    @WithDefault("500")
    int membersStreamPage();
}
