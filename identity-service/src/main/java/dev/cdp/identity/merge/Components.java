package dev.cdp.identity.merge;

import dev.cdp.identity.resolution.IdentityLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The connected components of a profile's identifiers under the links between them. */
final class Components {

    private Components() {}

    /**
     * @param keys the profile's identifier keys, in the order components should follow
     * @param links pairs of keys seen together; pairs touching keys outside {@code keys} are ignored
     * @return each component's keys, components in the order of their first key in {@code keys}
     */
    static List<Set<String>> of(List<String> keys, Collection<IdentityLink.Pair> links) {
        Map<String, List<String>> neighbours = new HashMap<>();
        Set<String> members = new HashSet<>(keys);
        for (IdentityLink.Pair link : links) {
            if (members.contains(link.aKey()) && members.contains(link.bKey())) {
                neighbours.computeIfAbsent(link.aKey(), k -> new ArrayList<>()).add(link.bKey());
                neighbours.computeIfAbsent(link.bKey(), k -> new ArrayList<>()).add(link.aKey());
            }
        }
        Set<String> seen = new HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String start : keys) {
            if (!seen.add(start)) {
                continue;
            }
            Set<String> component = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                String key = todo.poll();
                component.add(key);
                for (String next : neighbours.getOrDefault(key, List.of())) {
                    if (seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
            components.add(component);
        }
        return components;
    }
}
