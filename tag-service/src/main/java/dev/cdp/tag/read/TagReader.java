package dev.cdp.tag.read;

import dev.cdp.platform.store.Stores;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.compute.Engines;
import dev.cdp.tag.store.TagStore;
import dev.cdp.tag.value.Value;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Current tag values straight from Redis, limited to active tags and to what the caller asked for.
 * While Redis does not answer, reads fail with a StoreUnavailableException (503, UNAVAILABLE).
 */
@ApplicationScoped
public class TagReader {

    private final TagStore store;
    private final Engines engines;
    private final Stores stores;

    public TagReader(TagStore store, Engines engines, Stores stores) {
        this.store = store;
        this.engines = engines;
        this.stores = stores;
    }

    /**
     * @param only tag codes to return; all when empty
     * @param category only tags of this category; all when null or empty
     */
    public Uni<Map<String, Value>> tags(String oneId, Set<String> only, String category) {
        return stores.unavailableWhenDown(store.values(oneId).map(values -> select(values, only, category)));
    }

    public Uni<List<Map<String, Value>>> tags(List<String> oneIds, Set<String> only) {
        return stores.unavailableWhenDown(store.values(oneIds)
                .map(all ->
                        all.stream().map(values -> select(values, only, null)).toList()));
    }

    private Map<String, Value> select(Map<String, Value> values, Set<String> only, String category) {
        Map<String, TagDefinition> active = engines.current().active();
        Map<String, Value> selected = new HashMap<>(values.size() * 2);
        values.forEach((code, value) -> {
            TagDefinition tag = active.get(code);
            if (tag != null
                    && (only.isEmpty() || only.contains(code))
                    && (category == null || category.isEmpty() || category.equals(tag.category()))) {
                selected.put(code, value);
            }
        });
        return selected;
    }
}
