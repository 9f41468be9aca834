package dev.cdp.identity.resolution;

import dev.cdp.identity.identifiertype.IdentifierType;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the identifiers seen together in one event do to the graph, decided before anything is
 * written: which profile the event belongs to, which profiles merge into it, which identifiers
 * are linked to it, and which links are refused because a profile would break a per-type limit
 * (two user_ids on one profile is two people sharing a device, not one person) or the cap on
 * identifiers per profile. The
 * higher-priority identifier wins: a lower-priority one that would join two people is left
 * where it is (Segment's rule).
 *
 * @param anchorOneId the existing profile the event belongs to, or null when a new profile named
 *     by {@code newProfileFor} is created
 * @param merged existing profiles that merge with the anchor, in priority order
 * @param linked identifiers not yet known that are linked to the resulting profile
 * @param refused the links not made, with the reason
 */
public record LinkPlan(
        String anchorOneId,
        IdentifierValue newProfileFor,
        List<String> merged,
        List<IdentifierValue> linked,
        List<Refusal> refused) {

    /** A link not made: {@code identifier} stays with {@code owner} (null when it was unknown). */
    public record Refusal(IdentifierValue identifier, String owner, String reason) {}

    /**
     * @param ids the event's identifiers, normalised, highest priority first
     * @param owners the OneID owning each known identifier, by key
     * @param counts how many identifiers of each type each owner holds
     * @param types the identifier types in force (per-type limits)
     * @param maxIdentifiers how many identifiers of all types one profile may hold: a graph
     *     growing past it is a shared id joining strangers, not one person
     * @param deviceTypes types that name a device or a browser, not a person (anonymous_id,
     *     device_id): a household tablet is seen with several people, so these attach anonymous
     *     activity to a person but never join two known people
     */
    public static LinkPlan of(
            List<IdentifierValue> ids,
            Map<String, String> owners,
            Map<String, Map<String, Integer>> counts,
            IdentifierTypes types,
            int maxIdentifiers,
            Set<String> deviceTypes) {
        IdentifierValue top = ids.get(0);
        Set<String> candidates = new LinkedHashSet<>();
        ids.forEach(id -> {
            if (owners.containsKey(id.key())) {
                candidates.add(owners.get(id.key()));
            }
        });

        String anchor = owners.get(top.key());
        if (anchor == null) {
            // The top identifier is new: it joins the first profile that can take it, or starts one.
            String topType = top.type();
            anchor = candidates.stream()
                    .filter(c -> countOf(counts, c, topType) + 1 <= types.limitOf(topType)
                            && total(counts.getOrDefault(c, Map.of())) + 1 <= maxIdentifiers)
                    .findFirst()
                    .orElse(null);
        }

        Map<String, Integer> group = new HashMap<>();
        if (anchor != null) {
            group.putAll(counts.getOrDefault(anchor, Map.of()));
        }
        List<IdentifierValue> linked = new ArrayList<>();
        if (!owners.containsKey(top.key())) {
            // The top identifier's place is taken first, so no merge can crowd it out.
            linked.add(top);
            group.merge(top.type(), 1, Integer::sum);
        }
        List<String> merged = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.equals(anchor)) {
                continue;
            }
            Map<String, Integer> theirs = counts.getOrDefault(candidate, Map.of());
            Map<String, Integer> union = add(group, theirs);
            String broken = firstOverLimit(union, types);
            int size = total(union);
            boolean householdDevice = onlyThroughDevices(ids, owners, candidate, deviceTypes)
                    && knowsPerson(group, deviceTypes)
                    && knowsPerson(theirs, deviceTypes);
            if (broken == null && size <= maxIdentifiers && !householdDevice) {
                merged.add(candidate);
                group = union;
            } else {
                String reason = broken != null
                        ? "merging would give one profile " + union.get(broken) + " " + broken + " (limit "
                                + types.limitOf(broken) + ")"
                        : size > maxIdentifiers
                                ? "merging would give one profile " + size + " identifiers (limit " + maxIdentifiers
                                        + ")"
                                : "a shared device does not join two known people";
                ids.stream()
                        .filter(id -> candidate.equals(owners.get(id.key())))
                        .forEach(id -> refused.add(new Refusal(id, candidate, reason)));
            }
        }

        for (IdentifierValue id : ids) {
            if (owners.containsKey(id.key()) || id.equals(top)) {
                continue;
            }
            String type = id.type();
            int held = group.getOrDefault(type, 0);
            int size = total(group);
            if (held + 1 > types.limitOf(type)) {
                refused.add(new Refusal(
                        id,
                        null,
                        "the profile already has " + held + " " + type + " (limit " + types.limitOf(type) + ")"));
            } else if (size + 1 > maxIdentifiers) {
                refused.add(new Refusal(
                        id, null, "the profile already has " + size + " identifiers (limit " + maxIdentifiers + ")"));
            } else {
                linked.add(id);
                group.put(type, held + 1);
            }
        }
        return new LinkPlan(
                anchor,
                anchor == null ? top : null,
                Collections.unmodifiableList(merged),
                Collections.unmodifiableList(linked),
                Collections.unmodifiableList(refused));
    }

    /** Whether the event reaches {@code candidate} through device identifiers only. */
    private static boolean onlyThroughDevices(
            List<IdentifierValue> ids, Map<String, String> owners, String candidate, Set<String> deviceTypes) {
        return ids.stream()
                .filter(id -> candidate.equals(owners.get(id.key())))
                .allMatch(id -> deviceTypes.contains(id.type()));
    }

    /** Whether a profile with these counts holds an identifier of a person, not just of devices. */
    private static boolean knowsPerson(Map<String, Integer> counts, Set<String> deviceTypes) {
        return counts.entrySet().stream().anyMatch(e -> e.getValue() > 0 && !deviceTypes.contains(e.getKey()));
    }

    private static int countOf(Map<String, Map<String, Integer>> counts, String oneId, String type) {
        return counts.getOrDefault(oneId, Map.of()).getOrDefault(type, 0);
    }

    private static int total(Map<String, Integer> counts) {
        int sum = 0;
        for (int n : counts.values()) {
            sum += n;
        }
        return sum;
    }

    private static Map<String, Integer> add(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> sum = new HashMap<>();
        sum.putAll(a);
        b.forEach((type, n) -> sum.merge(type, n, Integer::sum));
        return sum;
    }

    /** The first type, in priority order, of which the counts hold more than its limit; null if none. */
    private static String firstOverLimit(Map<String, Integer> counts, IdentifierTypes types) {
        for (IdentifierType type : types.byPriority()) {
            if (counts.getOrDefault(type.name(), 0) > type.perProfileLimit()) {
                return type.name();
            }
        }
        return null;
    }
}
