package dev.cdp.identity.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentChoice;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.traits.Survivorship;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the identity graph a batch of events touches, held in memory while the batch is
 * resolved. Events are applied one after another exactly as if each ran alone (same plans, same
 * merges, same refusals); what they change is collected here so {@code GraphStore} writes the
 * whole batch in a few multi-row statements instead of a dozen round trips per event.
 */
final class GraphView {

    /** Beyond this many identifiers an event is a bulk list: the rest are linked to its top one only. */
    static final int CLIQUE = 8;

    /** Profiles created in this batch sort after every stored one: the oldest survives a merge. */
    private static final long CREATED_AGE = 1L << 40;

    /** A profile as this batch sees it. */
    static final class Node {
        final String oneId;
        /** Null for a profile created in this batch until ordinals are allocated. */
        Integer ordinal;

        final long age;
        final boolean created;
        /** Traits as stored (JSON text); parsed on first use. */
        private final String storedTraits;

        private final String storedSources;
        private ObjectNode traits;
        private ObjectNode sources;
        final Map<String, Integer> counts = new HashMap<>();
        Node mergedInto;
        /** Holds identifiers it did not hold before this batch. */
        boolean grew;
        /** Absorbed others: its traits are recomputed from every statement, these filling the gaps. */
        final List<ObjectNode> legacy = new ArrayList<>();

        Node(String oneId, Integer ordinal, long age, boolean created, String traits, String sources) {
            this.oneId = oneId;
            this.ordinal = ordinal;
            this.age = age;
            this.created = created;
            this.storedTraits = traits;
            this.storedSources = sources;
        }

        Node live() {
            Node node = this;
            while (node.mergedInto != null) {
                node = node.mergedInto;
            }
            return node;
        }

        ObjectNode traits(TraitJson json) {
            if (traits == null) {
                traits = json.read(storedTraits);
                sources = json.read(storedSources);
            }
            return traits;
        }

        /** Whether these are the traits and sources as stored (traits never read are). */
        boolean stored(String traits, String sources) {
            return storedTraits.equals(traits) && storedSources.equals(sources);
        }

        boolean traitsRead() {
            return traits != null;
        }

        ObjectNode sources(TraitJson json) {
            traits(json);
            return sources;
        }

        boolean recompute() {
            return !legacy.isEmpty();
        }
    }

    /** Reads and writes the JSON that traits are stored as. */
    interface TraitJson {
        ObjectNode read(String stored);

        String write(JsonNode value);
    }

    /** An identifier known before the batch or linked in it. */
    private static final class Held {
        Node owner;
        final boolean shared;
        /** Its last-seen time is recent enough, or is written in this batch already. */
        boolean seenRecently;

        Held(Node owner, boolean shared, boolean seenRecently) {
            this.owner = owner;
            this.shared = shared;
            this.seenRecently = seenRecently;
        }
    }

    record NewIdentifier(IdentifierValue id, Node owner, String channel) {}

    record Link(String a, String b, String cause, String channel) {}

    private record Pair(String a, String b) {}

    record Refusal(String profileOneId, IdentifierValue identifier, String ownerOneId, String reason, String cause) {}

    record Merge(String survivorOneId, Node absorbed, LinkCause cause, List<IdentifierValue> identifiers) {}

    record Observation(Node owner, String trait, String value, LinkCause cause, String identifierKeys) {}

    record Consent(Node owner, ConsentChoice choice, LinkCause cause) {}

    /** What one event resolved to, in the order of the batch. */
    record Outcome(Node profile, boolean created, List<Node> absorbed) {}

    private final IdentifierTypes types;
    private final int maxIdentifiers;
    private final Set<String> deviceTypes;
    private final Survivorship survivorship;
    private final TraitJson json;
    private final Instant seenBefore;

    private final Map<String, Held> identifiers = new HashMap<>();
    private final Map<String, Node> profiles = new HashMap<>();
    final List<Node> created = new ArrayList<>();
    final List<NewIdentifier> linked = new ArrayList<>();
    /** Identifiers whose last-seen time is written. */
    final Set<String> seen = new HashSet<>();

    final Map<Pair, Link> links = new LinkedHashMap<>();
    final List<Refusal> refusals = new ArrayList<>();
    final List<Merge> merges = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();

    /** @param seenBefore stored identifiers last seen before this have their last-seen time written when seen */
    GraphView(
            IdentifierTypes types,
            int maxIdentifiers,
            Set<String> deviceTypes,
            Survivorship survivorship,
            TraitJson json,
            Instant seenBefore) {
        this.types = types;
        this.maxIdentifiers = maxIdentifiers;
        this.deviceTypes = deviceTypes;
        this.survivorship = survivorship;
        this.json = json;
        this.seenBefore = seenBefore;
    }

    /** A stored live profile, with how many identifiers of each type it holds. */
    void addProfile(String oneId, int ordinal, String traits, String sources, Map<String, Integer> counts) {
        Node node = new Node(oneId, ordinal, ordinal, false, traits, sources);
        node.counts.putAll(counts);
        profiles.put(oneId, node);
    }

    /** A stored identifier of a profile added before. */
    void addIdentifier(String key, String oneId, boolean shared, Instant lastSeenAt) {
        identifiers.put(key, new Held(profiles.get(oneId), shared, !lastSeenAt.isBefore(seenBefore)));
    }

    Iterable<Node> profiles() {
        return profiles.values();
    }

    /** Applies one event's identifiers, traits and consent decisions. */
    Outcome apply(List<IdentifierValue> ids, ObjectNode traits, List<ConsentChoice> choices, LinkCause cause) {
        List<IdentifierValue> byPriority =
                ids.stream().sorted(types.priorityOrder()).distinct().toList();
        List<Held> found = new ArrayList<>();
        Map<Held, String> keyOf = new HashMap<>();
        for (IdentifierValue id : byPriority) {
            Held held = identifiers.get(id.key());
            if (held != null) {
                found.add(held);
                keyOf.put(held, id.key());
            }
        }
        // One split off a profile as shared (a family tablet) resolves on its own but links nothing,
        // unless it is all the event has.
        boolean allShared = found.size() == byPriority.size() && found.stream().allMatch(h -> h.shared);
        Set<String> unlinkable = new HashSet<>();
        Map<String, String> owners = new HashMap<>();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (Held held : found) {
            if (held.shared && !allShared) {
                unlinkable.add(keyOf.get(held));
            } else {
                owners.put(keyOf.get(held), held.owner.oneId);
                counts.put(held.owner.oneId, held.owner.counts);
            }
        }
        List<IdentifierValue> linking =
                byPriority.stream().filter(id -> !unlinkable.contains(id.key())).toList();
        LinkPlan plan = LinkPlan.of(linking, owners, counts, types, maxIdentifiers, deviceTypes);

        List<Node> group = new ArrayList<>();
        if (plan.anchorOneId() != null) {
            group.add(profiles.get(plan.anchorOneId()));
        }
        plan.merged().forEach(oneId -> group.add(profiles.get(oneId)));
        List<Node> absorbed = new ArrayList<>();
        Node profile = group.isEmpty() ? create(plan.newProfileFor()) : merge(group, absorbed, cause, byPriority);

        for (IdentifierValue id : linking) {
            Held held = identifiers.get(id.key());
            if (held != null && held.owner == profile && !held.seenRecently) {
                held.seenRecently = true;
                seen.add(id.key());
            }
        }
        for (IdentifierValue id : plan.linked()) {
            profile.grew = true;
            identifiers.put(id.key(), new Held(profile, false, true));
            profile.counts.merge(id.type(), 1, Integer::sum);
            linked.add(new NewIdentifier(id, profile, cause.channel()));
        }
        List<IdentifierValue> together = linking.stream()
                .filter(id -> identifiers.containsKey(id.key()) && identifiers.get(id.key()).owner == profile)
                .toList();
        link(together, cause);
        for (LinkPlan.Refusal refusal : plan.refused()) {
            refusals.add(new Refusal(
                    profile.oneId, refusal.identifier(), refusal.owner(), refusal.reason(), cause.messageId()));
        }
        observe(profile, traits, cause, together);
        choices.forEach(choice -> consents.add(new Consent(profile, choice, cause)));
        return new Outcome(profile, group.isEmpty(), List.copyOf(absorbed));
    }

    private Node create(IdentifierValue primary) {
        Node node = new Node(IdentityResolver.oneIdFor(primary), null, CREATED_AGE + created.size(), true, "{}", "{}");
        profiles.put(node.oneId, node);
        created.add(node);
        return node;
    }

    /** The oldest of the group survives; the others' identifiers, statements and consents move to it. */
    private Node merge(List<Node> group, List<Node> absorbedOut, LinkCause cause, List<IdentifierValue> ids) {
        Node survivor = group.stream().min((a, b) -> Long.compare(a.age, b.age)).orElseThrow();
        List<Node> others = group.stream()
                .filter(n -> n != survivor)
                .sorted((a, b) -> Long.compare(a.age, b.age))
                .toList();
        if (others.isEmpty()) {
            return survivor;
        }
        if (!survivor.recompute()) {
            survivor.legacy.add(survivor.traits(json).deepCopy());
        }
        for (Node other : others) {
            survivor.legacy.add(other.traits(json).deepCopy());
            survivor.legacy.addAll(other.legacy);
            other.counts.forEach((type, n) -> survivor.counts.merge(type, n, Integer::sum));
            other.counts.clear();
            other.mergedInto = survivor;
            identifiers.values().stream().filter(h -> h.owner == other).forEach(h -> h.owner = survivor);
            merges.add(new Merge(survivor.oneId, other, cause, ids));
            absorbedOut.add(other);
        }
        return survivor;
    }

    /**
     * Records the event's edges: every pair of its identifiers on the profile, as each pair was
     * seen together, so taking one identifier out still leaves the others linked. Beyond the first
     * {@value #CLIQUE} identifiers an event is a bulk list: those are linked to its top one only.
     */
    private void link(List<IdentifierValue> together, LinkCause cause) {
        for (int i = 0; i < together.size(); i++) {
            for (int j = i + 1; j < together.size() && (i == 0 || j < CLIQUE); j++) {
                String a = together.get(i).key();
                String b = together.get(j).key();
                Link link = a.compareTo(b) < 0
                        ? new Link(a, b, cause.messageId(), cause.channel())
                        : new Link(b, a, cause.messageId(), cause.channel());
                links.putIfAbsent(new Pair(link.a(), link.b()), link);
            }
        }
    }

    /** Keeps each statement and folds it into the profile's traits (most trusted, then latest, wins). */
    private void observe(Node profile, ObjectNode stated, LinkCause cause, List<IdentifierValue> together) {
        if (stated == null || stated.isEmpty()) {
            return;
        }
        String keys =
                String.join("\n", together.stream().map(IdentifierValue::key).toList());
        ObjectNode traits = profile.traits(json);
        ObjectNode sources = profile.sources(json);
        stated.fields().forEachRemaining(field -> {
            survivorship.apply(traits, sources, field.getKey(), field.getValue(), cause.channel(), cause.occurredAt());
            observations.add(new Observation(profile, field.getKey(), json.write(field.getValue()), cause, keys));
        });
    }
}
