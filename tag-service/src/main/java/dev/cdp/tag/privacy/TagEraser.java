package dev.cdp.tag.privacy;

import dev.cdp.tag.eventlog.EventLog;
import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.store.TagStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes everything tag-service holds on erased profiles: the Redis keys (values, rule state,
 * recent messageIds, merge redirect, expiry entry), the tag history and the event log. Erasing
 * what is gone already deletes nothing, so a replayed erasure is harmless.
 */
@ApplicationScoped
public class TagEraser {

    private final TagStore store;
    private final TagHistory history;
    private final EventLog log;

    public TagEraser(TagStore store, TagHistory history, EventLog log) {
        this.store = store;
        this.history = history;
        this.log = log;
    }

    /** @return when each store finished: "redis", "tag_change", "tag_event" */
    public Uni<Map<String, Instant>> erase(List<String> oneIds) {
        Map<String, Instant> finished = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(oneIds)
                .onItem()
                .transformToUniAndConcatenate(store::erase)
                .collect()
                .last()
                .invoke(() -> finished.put("redis", Instant.now()))
                .chain(() -> history.erase(oneIds))
                .invoke(() -> finished.put("tag_change", Instant.now()))
                .chain(() -> log.erase(oneIds))
                .invoke(() -> finished.put("tag_event", Instant.now()))
                .map(ignored -> finished);
    }
}
