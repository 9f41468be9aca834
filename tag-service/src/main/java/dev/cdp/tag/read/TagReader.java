package dev.cdp.tag.read;

import dev.cdp.proto.v1.TagValue;
import dev.cdp.tag.TagValues;
import dev.cdp.tag.store.TagStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Current tag values, typed, straight from Redis. */
@ApplicationScoped
public class TagReader {

    private final TagStore store;

    public TagReader(TagStore store) {
        this.store = store;
    }

    public Uni<Map<String, TagValue>> tags(String oneId, Set<String> only) {
        return store.read(oneId).map(stored -> TagValues.toProto(stored, only));
    }

    public Uni<List<Map<String, TagValue>>> tags(List<String> oneIds, Set<String> only) {
        return store.readAll(oneIds).map(all -> all.stream().map(stored -> TagValues.toProto(stored, only)).toList());
    }
}
