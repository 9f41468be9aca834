package dev.cdp.tag.scan;

import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.store.TagStore;
import dev.cdp.tag.value.Value;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every profile's tags, now or at a past moment, for a service that decides something over the
 * whole population (segment-service filling its copy, or counting a segment as of a date). Read a
 * page at a time and only as the reader takes them: the next page is read when the reader asks
 * for more and says it is ready, so a slow reader holds about one page, never the population.
 */
@ApplicationScoped
public class TagScan {

    static final int PAGE = 500;

    private final TagStore store;
    private final TagHistory history;

    public TagScan(TagStore store, TagHistory history) {
        this.store = store;
        this.history = history;
    }

    /** One profile's tags as they were (or are) at {@code at}. */
    public record ScannedTags(String oneId, int ordinal, Map<String, Value> tags, Instant at) {}

    /**
     * The current values of every profile that has any, in no particular order (a profile may come
     * twice while Redis resizes); each stamped with when its page was read.
     *
     * @param only the tags to answer; all when empty
     * @param readerReady completes when the reader can take more: the next page is read then
     */
    public Multi<ScannedTags> current(Set<String> only, Supplier<Uni<Void>> readerReady) {
        return pages("0", readerReady, cursor -> {
            Instant at = Instant.now();
            return store.scan(cursor, PAGE)
                    .chain(step -> Uni.combine()
                            .all()
                            .unis(store.values(step.oneIds()), store.ordinals(step.oneIds()))
                            .with((values, ordinals) -> {
                                List<ScannedTags> page = new ArrayList<>(values.size());
                                for (int i = 0; i < values.size(); i++) {
                                    // A profile merged away or erased between the SCAN and the read has no values left.
                                    if (!values.get(i).isEmpty()) {
                                        page.add(new ScannedTags(
                                                step.oneIds().get(i),
                                                ordinals.get(i),
                                                filtered(values.get(i), only),
                                                at));
                                    }
                                }
                                return new Page(page, step.last() ? null : step.next());
                            }));
        });
    }

    /**
     * Every profile's values at {@code at} as the history recorded them, in OneID order; profiles
     * that had no value then (not yet seen, all cleared, merged away) do not come, erased ones
     * never do.
     *
     * @param only the tags to answer; all when empty (a profile none of them was set for comes
     *     with none)
     * @param readerReady completes when the reader can take more: the next page is read then
     */
    public Multi<ScannedTags> asOf(Instant at, Set<String> only, Supplier<Uni<Void>> readerReady) {
        return pages(
                "",
                readerReady,
                after -> history.asOf(at, after, PAGE).map(profiles -> {
                    List<ScannedTags> page = new ArrayList<>(profiles.size());
                    profiles.forEach(profile -> {
                        if (!profile.tags().isEmpty()) {
                            page.add(new ScannedTags(
                                    profile.oneId(), profile.ordinal(), filtered(profile.tags(), only), at));
                        }
                    });
                    String next = profiles.size() < PAGE
                            ? null
                            : profiles.get(profiles.size() - 1).oneId();
                    return new Page(page, next);
                }));
    }

    /** @param next where the following page starts; null after the last */
    private record Page(List<ScannedTags> profiles, String next) {}

    private interface PageReader {
        Uni<Page> read(String from);
    }

    /** Reads page after page, each only once the reader has taken the last one. */
    private static Multi<ScannedTags> pages(String start, Supplier<Uni<Void>> readerReady, PageReader reader) {
        return Multi.createBy()
                .repeating()
                .uni(
                        () -> new String[] {start},
                        from -> readerReady
                                .get()
                                .chain(() -> reader.read(from[0]))
                                .invoke(page -> from[0] = page.next()))
                .whilst(page -> page.next() != null)
                .onItem()
                .transformToIterable(Page::profiles);
    }

    private static Map<String, Value> filtered(Map<String, Value> values, Set<String> only) {
        if (only.isEmpty()) {
            return values;
        }
        Map<String, Value> kept = new HashMap<>();
        only.forEach(tag -> {
            Value value = values.get(tag);
            if (value != null) {
                kept.put(tag, value);
            }
        });
        return kept;
    }
}
