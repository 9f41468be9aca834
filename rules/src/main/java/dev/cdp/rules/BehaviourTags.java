package dev.cdp.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The tags of each behaviour, worked out once: a condition is decided per profile on every change. */
final class BehaviourTags {

    /** Behaviours in use are few; a bound keeps a stream of distinct drafts from growing it forever. */
    private static final int MAX = 10_000;

    private static final Map<Behaviour, List<EventTag>> TAGS = new ConcurrentHashMap<>();

    private BehaviourTags() {}

    static List<EventTag> of(Behaviour behaviour, Supplier<List<EventTag>> compute) {
        List<EventTag> tags = TAGS.get(behaviour);
        if (tags == null) {
            if (TAGS.size() >= MAX) {
                TAGS.clear();
            }
            tags = compute.get();
            TAGS.put(behaviour, tags);
        }
        return tags;
    }
}
