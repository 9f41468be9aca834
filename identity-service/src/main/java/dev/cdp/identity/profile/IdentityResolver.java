package dev.cdp.identity.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.repository.ConsentRepository;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.profile.repository.IdentifierRepository;
import dev.cdp.identity.profile.repository.LinkRepository;
import dev.cdp.identity.traits.TraitService;
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

    private static final int CLIQUE = 8;

    private final ProfileRepository profiles;
    private final IdentifierRepository identifiers;
    private final LinkRepository links;
    private final IdentifierTypeService types;
    private final TraitService traitService;
    private final ConsentRepository consents;
    private final int maxIdentifiers;
    private final Set<String> deviceTypes;
    private final ObjectMapper json;

    public IdentityResolver(ProfileRepository profiles, IdentifierRepository identifiers, LinkRepository links,
            IdentifierTypeService types, TraitService traitService, ConsentRepository consents, IdentityConfig config, ObjectMapper json) {
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.links = links;
        this.types = types;
        this.traitService = traitService;
        this.consents = consents;
        this.maxIdentifiers = config.maxIdentifiersPerProfile();
        this.deviceTypes = Set.copyOf(config.deviceTypes());
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
        return identifiers.findByKeys(byPriority.stream().map(IdentifierValue::key).toList()).chain(found -> {
            List<ProfileIdentifier> known = linkable(found, byPriority.size());
            Set<String> unlinkable = new HashSet<>();
            found.stream().filter(i -> !known.contains(i)).forEach(i -> unlinkable.add(i.key));
            List<IdentifierValue> linking = byPriority.stream().filter(id -> !unlinkable.contains(id.key())).toList();
            Map<String, String> owners = new HashMap<>();
            known.forEach(i -> owners.put(i.key, i.oneId));
            return identifiers.countByType(Set.copyOf(owners.values())).chain(counts -> {
                LinkPlan plan = LinkPlan.of(linking, owners, counts, rules, maxIdentifiers, deviceTypes);
                List<String> group = new ArrayList<>(plan.merged());
                if (plan.anchorOneId() != null) {
                    group.add(0, plan.anchorOneId());
                }
                List<Resolution.Absorbed> absorbed = new ArrayList<>();
                Uni<Profile> target = group.isEmpty()
                        ? create(plan.newProfileFor(), at)
                        : merge(group, absorbed, new Lineage(cause, write(byPriority)), at);
                List<IdentifierValue> together = onProfile(linking, plan, owners, group);
                return target.chain(profile -> attach(profile, plan, known, cause.channel(), at)
                        .chain(() -> link(together, cause, at))
                        .chain(() -> recordRefusals(profile, plan, cause, at))
                        .chain(() -> traitService.observe(profile, traits, cause, together.stream().map(IdentifierValue::key).toList()))
                        .invoke(() -> profile.updatedAt = at)
                        .map(ignored -> new Resolution(profile.oneId, profile.ordinal, group.isEmpty(), List.copyOf(absorbed))));
            });
        });
    }

    /**
     * The identifiers an event may link on. One split off a profile as shared (a family tablet)
     * resolves on its own but links nothing, unless it is all the event has.
     */
    private static List<ProfileIdentifier> linkable(List<ProfileIdentifier> found, int total) {
        List<ProfileIdentifier> unshared = found.stream().filter(i -> !i.shared).toList();
        long sharedCount = found.size() - unshared.size();
        return sharedCount == total ? found : unshared;
    }

    /** The event's identifiers that end up on the resolved profile, highest priority first. */
    private static List<IdentifierValue> onProfile(List<IdentifierValue> ids, LinkPlan plan, Map<String, String> owners,
            List<String> group) {
        Set<String> linked = new HashSet<>();
        plan.linked().forEach(id -> linked.add(id.key()));
        return ids.stream().filter(id -> linked.contains(id.key()) || group.contains(owners.get(id.key()))).toList();
    }

    /**
     * Records the event's edges: every pair of its identifiers on the profile, as each pair was
     * seen together, so taking one identifier out still leaves the others linked. Beyond the first
     * {@value #CLIQUE} identifiers an event is a bulk list: those are linked to its top one only.
     */
    private Uni<Void> link(List<IdentifierValue> together, LinkCause cause, Instant at) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < together.size(); i++) {
            for (int j = i + 1; j < together.size() && (i == 0 || j < CLIQUE); j++) {
                String a = together.get(i).key();
                String b = together.get(j).key();
                pairs.add(a.compareTo(b) < 0 ? new String[] {a, b} : new String[] {b, a});
            }
        }
        return pairs.isEmpty() ? Uni.createFrom().voidItem() : links.record(pairs, cause, at);
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
            List<ObjectNode> legacy = new ArrayList<>();
            legacy.add(traitService.read(survivor.traits));
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Profile other : absorbed) {
                legacy.add(traitService.read(other.traits));
                chain = chain.chain(() -> identifiers.moveAll(other.oneId, survivor.oneId))
                        .chain(() -> traitService.moveAll(other.oneId, survivor.oneId))
                        // Both histories, one profile: the latest decision per purpose and channel wins.
                        .chain(() -> consents.moveAll(other.oneId, survivor.oneId))
                        .chain(() -> profiles.redirectTombstones(other.oneId, survivor.oneId))
                        .chain(() -> record(survivor, other, lineage, at))
                        .invoke(() -> {
                            other.mergedInto = survivor.oneId;
                            other.updatedAt = at;
                            absorbedOut.add(new Resolution.Absorbed(other.oneId, other.ordinal));
                        })
                        .replaceWithVoid();
            }
            // Per field, the most trusted and latest statement of either side wins.
            return chain.chain(() -> absorbed.isEmpty() ? Uni.createFrom().voidItem() : traitService.recompute(survivor, legacy))
                    .replaceWith(survivor);
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
