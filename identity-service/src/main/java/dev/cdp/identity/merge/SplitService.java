package dev.cdp.identity.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.merge.messaging.SplitPublisher;
import dev.cdp.identity.resolution.IdentityGraph;
import dev.cdp.identity.resolution.IdentityLink;
import dev.cdp.identity.resolution.IdentityResolver;
import dev.cdp.identity.resolution.Profile;
import dev.cdp.identity.resolution.ProfileIdentifier;
import dev.cdp.identity.resolution.UnknownProfileException;
import dev.cdp.identity.traits.TraitObservation;
import dev.cdp.identity.traits.TraitService;
import dev.cdp.platform.db.Transactions;
import dev.cdp.platform.error.InvalidInputException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Unmerge: takes a wrongly linking identifier (a family tablet, a shop's phone typed into a
 * form) out of a profile and splits the profile into the connected components that remain.
 * Each component becomes a profile again: one merged earlier comes back under its own OneID and
 * ordinal, others get new ones. Identifiers, trait statements and tombstones follow their
 * component; the identifier taken out keeps a profile of its own and never links again. The
 * split is recorded and published on cdp.identity.changed, so tags and segments follow.
 */
@ApplicationScoped
public class SplitService {

    private final IdentityGraph graph;
    private final IdentifierTypeService types;
    private final TraitService traits;
    private final SplitPublisher publisher;
    private final ObjectMapper json;

    public SplitService(
            IdentityGraph graph,
            IdentifierTypeService types,
            TraitService traits,
            SplitPublisher publisher,
            ObjectMapper json) {
        this.graph = graph;
        this.types = types;
        this.traits = traits;
        this.publisher = publisher;
        this.json = json;
    }

    /**
     * @throws UnknownProfileException when no profile has {@code oneId}
     * @throws InvalidInputException when the profile does not hold the identifier, or holds nothing else
     */
    public Uni<Split> unmerge(String oneId, IdentifierValue detach, String reason) {
        return Transactions.withRetryOnConflict(() -> graph.lockLive(oneId).chain(profile -> {
            if (profile == null) {
                throw new UnknownProfileException("no profile " + oneId);
            }
            return graph.identifiersOf(profile.oneId).chain(held -> {
                if (held.stream().noneMatch(i -> i.key.equals(detach.key()))) {
                    throw new InvalidInputException(
                            "identifier", "profile " + profile.oneId + " does not hold " + detach.qualified());
                }
                if (held.size() == 1) {
                    throw new InvalidInputException(
                            "identifier",
                            detach.qualified() + " is all profile " + profile.oneId + " holds; nothing to split");
                }
                List<String> keys = held.stream()
                        .map(i -> new IdentifierValue(i.type, i.value))
                        .sorted(types.current().priorityOrder())
                        .map(IdentifierValue::key)
                        .toList();
                return graph.linksTouching(keys).chain(edges -> split(profile, held, keys, edges, detach, reason));
            });
        }));
    }

    private Uni<Split> split(
            Profile profile,
            List<ProfileIdentifier> held,
            List<String> keys,
            List<IdentityLink> edges,
            IdentifierValue detach,
            String reason) {
        Instant at = Instant.now();
        String cause = "unmerge/" + UUID.randomUUID();
        Map<String, ProfileIdentifier> byKey = new HashMap<>();
        held.forEach(i -> byKey.put(i.key, i));
        List<String> remaining =
                keys.stream().filter(k -> !k.equals(detach.key())).toList();
        List<IdentityLink.Pair> pairs =
                edges.stream().map(e -> new IdentityLink.Pair(e.aKey, e.bKey)).toList();
        List<Set<String>> components = new ArrayList<>(Components.of(remaining, pairs));
        components.add(0, components.remove(mainComponent(profile, components, byKey)));
        // The identifier taken out comes last: an event it shares with a person stays with the person.
        components.add(Set.of(detach.key()));
        byKey.get(detach.key()).shared = true;

        return TraitObservation.<TraitObservation>list("oneId", profile.oneId)
                .chain(statements -> {
                    Set<String> stated = new HashSet<>();
                    statements.forEach(statement -> stated.add(statement.trait));
                    // Traits stored before statements were kept stay with the part that keeps the OneID.
                    ObjectNode legacy = traits.read(profile.traits);
                    legacy.remove(stated);
                    return graph.removeLinks(detach.key())
                            .chain(() -> graph.tombstonesOf(profile.oneId))
                            .chain(tombstones -> {
                                List<Profile> owners = new ArrayList<>(List.of(profile));
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (Set<String> component : components.subList(1, components.size())) {
                                    chain = chain.chain(() -> detachComponent(component, tombstones, byKey, at)
                                            .invoke(owners::add)
                                            .replaceWithVoid());
                                }
                                return chain.chain(() -> {
                                            Map<String, Set<String>> byOwner = new LinkedHashMap<>();
                                            for (int i = 0; i < owners.size(); i++) {
                                                byOwner.put(owners.get(i).oneId, components.get(i));
                                            }
                                            return traits.assign(profile.oneId, byOwner);
                                        })
                                        .chain(() -> {
                                            Uni<Void> recomputed = recompute(profile, List.of(legacy));
                                            for (Profile owner : owners.subList(1, owners.size())) {
                                                recomputed = recomputed.chain(() -> recompute(owner, List.of()));
                                            }
                                            return recomputed;
                                        })
                                        .map(ignored -> {
                                            profile.updatedAt = at;
                                            List<Split.Part> parts = new ArrayList<>();
                                            for (int i = 0; i < owners.size(); i++) {
                                                Profile owner = owners.get(i);
                                                parts.add(part(
                                                        owner,
                                                        components.get(i),
                                                        byKey,
                                                        i > 0 && owner.createdAt.isBefore(at)));
                                            }
                                            return new Split(
                                                    profile.oneId, detach, reason, cause, at, List.copyOf(parts));
                                        });
                            });
                })
                .call(this::record)
                .call(publisher::publishSplit);
    }

    /**
     * The component that keeps the OneID: the one holding the identifier that named the profile,
     * else the one seen first (the person who was there before the wrong link).
     */
    private static int mainComponent(
            Profile profile, List<Set<String>> components, Map<String, ProfileIdentifier> byKey) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).stream()
                    .anyMatch(k -> IdentityResolver.oneIdFor(k).equals(profile.oneId))) {
                return i;
            }
        }
        int first = 0;
        Instant earliest = Instant.MAX;
        for (int i = 0; i < components.size(); i++) {
            for (String key : components.get(i)) {
                if (byKey.get(key).firstSeenAt.isBefore(earliest)) {
                    earliest = byKey.get(key).firstSeenAt;
                    first = i;
                }
            }
        }
        return first;
    }

    /** Gives one component a profile of its own: a tombstone of it revived, or a new profile. */
    private Uni<Profile> detachComponent(
            Set<String> component, List<Profile> tombstones, Map<String, ProfileIdentifier> byKey, Instant at) {
        Set<String> namedHere = new HashSet<>();
        component.forEach(k -> namedHere.add(IdentityResolver.oneIdFor(k)));
        Profile revived = tombstones.stream()
                .filter(t -> namedHere.contains(t.oneId) && t.mergedInto != null)
                .findFirst()
                .orElse(null);
        Uni<Profile> target;
        if (revived != null) {
            revived.mergedInto = null;
            revived.updatedAt = at;
            target = Uni.createFrom().item(revived);
        } else {
            String named = IdentityResolver.oneIdFor(component.iterator().next());
            target = graph.findByOneId(named).chain(existing -> {
                Profile fresh = new Profile();
                fresh.oneId = existing == null ? named : UUID.randomUUID().toString();
                fresh.createdAt = at;
                fresh.updatedAt = at;
                return graph.create(fresh);
            });
        }
        return target.chain(owner -> graph.moveIdentifiers(component, owner.oneId)
                .invoke(() -> {
                    component.forEach(k -> byKey.get(k).oneId = owner.oneId);
                    // Tombstones named by this component's identifiers now redirect here.
                    tombstones.stream()
                            .filter(t -> t != owner && namedHere.contains(t.oneId))
                            .forEach(t -> t.mergedInto = owner.oneId);
                })
                .replaceWith(owner));
    }

    private Uni<Void> recompute(Profile profile, List<ObjectNode> legacy) {
        return traits.recompute(profile.oneId, legacy)
                .invoke(recomputed -> {
                    profile.traits = recomputed.traits();
                    profile.traitSources = recomputed.sources();
                })
                .replaceWithVoid();
    }

    private static Split.Part part(
            Profile profile, Set<String> component, Map<String, ProfileIdentifier> byKey, boolean revived) {
        List<IdentifierValue> ids = component.stream()
                .map(k -> new IdentifierValue(byKey.get(k).type, byKey.get(k).value))
                .toList();
        return new Split.Part(profile.oneId, profile.ordinal, ids, revived);
    }

    private Uni<SplitRecord> record(Split split) {
        SplitRecord record = new SplitRecord();
        record.oneId = split.oneId();
        record.detachedKey = split.detached().key();
        record.reason = split.reason();
        record.cause = split.cause();
        record.at = split.at();
        record.partOneIds =
                String.join(" ", split.parts().stream().map(Split.Part::oneId).toList());
        try {
            record.parts = json.writeValueAsString(split.parts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return record.persist();
    }
}
