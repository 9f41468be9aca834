package dev.cdp.identity.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.repository.ConsentRepository;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.profile.repository.IdentifierRepository;
import dev.cdp.identity.profile.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves the identifiers seen together in one event to one profile, creating or merging
 * profiles as needed. Runs inside the caller's transaction.
 *
 * <p>A new profile's OneID is derived from its highest-priority identifier, so replaying the same
 * data yields the same OneIDs and two instances creating the same person at once collide on the
 * primary key (the caller retries) instead of creating twins.
 */
@ApplicationScoped
public class IdentityResolver {

    private final ProfileRepository profiles;
    private final IdentifierRepository identifiers;
    private final IdentifierTypeService types;
    private final ConsentRepository consents;
    private final int maxIdentifiers;
    private final ObjectMapper json;

    public IdentityResolver(ProfileRepository profiles, IdentifierRepository identifiers, IdentifierTypeService types,
            ConsentRepository consents, IdentityConfig config, ObjectMapper json) {
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.types = types;
        this.consents = consents;
        this.maxIdentifiers = config.maxIdentifiersPerProfile();
        this.json = json;
    }

    public static String oneIdFor(IdentifierValue identifier) {
        return UUID.nameUUIDFromBytes(("cdp/" + identifier.key()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param ids normalised identifiers, at least one
     * @param traits traits to set on the profile (may be empty)
     * @param cause what asks for the links, recorded with any merge and refusal
     */
    public Uni<Resolution> resolve(List<IdentifierValue> ids, ObjectNode traits, LinkCause cause, Instant at) {
        IdentifierTypes rules = types.current();
        List<IdentifierValue> byPriority = ids.stream()
                .sorted(rules.priorityOrder())
                .distinct()
                .toList();
        return identifiers.findByKeys(byPriority.stream().map(IdentifierValue::key).toList()).chain(known -> {
            Map<String, String> owners = new HashMap<>();
            known.forEach(i -> owners.put(i.key, i.oneId));
            return identifiers.countByType(Set.copyOf(owners.values())).chain(counts -> {
                LinkPlan plan = LinkPlan.of(byPriority, owners, counts, rules, maxIdentifiers);
                List<String> group = new ArrayList<>(plan.merged());
                if (plan.anchorOneId() != null) {
                    group.add(0, plan.anchorOneId());
                }
                List<Resolution.Absorbed> absorbed = new ArrayList<>();
                Uni<Profile> target = group.isEmpty()
                        ? create(plan.newProfileFor(), at)
                        : merge(group, absorbed, new Lineage(cause, write(byPriority)), at);
                return target.chain(profile -> attach(profile, plan, known, cause.channel(), at)
                        .chain(() -> recordRefusals(profile, plan, cause, at))
                        .invoke(() -> applyTraits(profile, traits, at))
                        .map(ignored -> new Resolution(profile.oneId, profile.ordinal, group.isEmpty(), List.copyOf(absorbed))));
            });
        });
    }

    private Uni<Profile> create(IdentifierValue primary, Instant at) {
        Profile profile = new Profile();
        profile.oneId = oneIdFor(primary);
        profile.createdAt = at;
        profile.updatedAt = at;
        return profiles.persist(profile);
    }

    /** Why a merge happened, as recorded in merge_record: the cause and the event's identifiers as JSON. */
    private record Lineage(LinkCause cause, String identifiers) {
    }

    /**
     * The oldest profile of the group survives; the others become tombstones pointing at it, their
     * identifiers and consents move to it, and each merge is recorded.
     */
    private Uni<Profile> merge(List<String> group, List<Resolution.Absorbed> absorbedOut, Lineage lineage, Instant at) {
        return profiles.findByOneIds(group).chain(found -> {
            Profile survivor = found.get(0);
            List<Profile> absorbed = found.subList(1, found.size());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Profile other : absorbed) {
                chain = chain.chain(() -> identifiers.moveAll(other.oneId, survivor.oneId))
                        // Both histories, one profile: the latest decision per purpose and channel wins.
                        .chain(() -> consents.moveAll(other.oneId, survivor.oneId))
                        .chain(() -> profiles.redirectTombstones(other.oneId, survivor.oneId))
                        .chain(() -> record(survivor, other, lineage, at))
                        .invoke(() -> {
                            survivor.traits = write(fillMissing(read(survivor.traits), read(other.traits)));
                            other.mergedInto = survivor.oneId;
                            other.updatedAt = at;
                            absorbedOut.add(new Resolution.Absorbed(other.oneId, other.ordinal));
                        })
                        .replaceWithVoid();
            }
            return chain.replaceWith(survivor);
        });
    }

    private static Uni<MergeRecord> record(Profile survivor, Profile absorbed, Lineage lineage, Instant at) {
        MergeRecord merge = new MergeRecord();
        merge.survivorOneId = survivor.oneId;
        merge.absorbedOneId = absorbed.oneId;
        merge.causeMessageId = lineage.cause().messageId();
        merge.channel = lineage.cause().channel();
        merge.source = lineage.cause().source();
        merge.identifiers = lineage.identifiers();
        merge.at = at;
        return merge.persist();
    }

    private Uni<Void> attach(Profile profile, LinkPlan plan, List<ProfileIdentifier> known, String channel, Instant at) {
        Set<String> group = new HashSet<>(plan.merged());
        group.add(plan.anchorOneId());
        for (ProfileIdentifier existing : known) {
            // The bulk move above left these managed copies stale: set the owner they now have.
            if (group.contains(existing.oneId)) {
                existing.oneId = profile.oneId;
                existing.lastSeenAt = at;
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IdentifierValue id : plan.linked()) {
            ProfileIdentifier fresh = new ProfileIdentifier();
            fresh.key = id.key();
            fresh.type = id.type();
            fresh.value = id.value();
            fresh.oneId = profile.oneId;
            fresh.channel = channel;
            fresh.firstSeenAt = at;
            fresh.lastSeenAt = at;
            chain = chain.chain(() -> identifiers.persist(fresh)).replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> recordRefusals(Profile profile, LinkPlan plan, LinkCause cause, Instant at) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LinkPlan.Refusal refusal : plan.refused()) {
            RefusedLink link = new RefusedLink();
            link.profileOneId = profile.oneId;
            link.identifierKey = refusal.identifier().key();
            link.ownerOneId = refusal.owner();
            link.reason = refusal.reason();
            link.cause = cause.messageId();
            link.at = at;
            chain = chain.chain(() -> link.persist()).replaceWithVoid();
        }
        return chain;
    }

    private void applyTraits(Profile profile, ObjectNode traits, Instant at) {
        if (!traits.isEmpty()) {
            ObjectNode current = read(profile.traits);
            current.setAll(traits);
            profile.traits = write(current);
        }
        profile.updatedAt = at;
    }

    private static ObjectNode fillMissing(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(field -> {
            if (!target.has(field.getKey())) {
                target.set(field.getKey(), field.getValue());
            }
        });
        return target;
    }

    ObjectNode read(String traits) {
        try {
            return (ObjectNode) json.readTree(traits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored traits are not a JSON object", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
