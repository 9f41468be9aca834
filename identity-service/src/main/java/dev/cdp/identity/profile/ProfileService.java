package dev.cdp.identity.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.consent.ConsentView;
import dev.cdp.identity.consent.repository.ConsentRepository;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.profile.messaging.IdentityChangedPublisher;
import dev.cdp.identity.profile.repository.GraphStore;
import dev.cdp.identity.profile.repository.IdentifierRepository;
import dev.cdp.identity.profile.repository.ProfileRepository;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.db.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Reads profiles with their merge history; an absorbed OneID answers for its survivor. */
@ApplicationScoped
public class ProfileService {

    private static final TypeReference<Map<String, Object>> TRAITS = new TypeReference<>() { };
    private static final TypeReference<List<IdentifierValue>> IDENTIFIERS = new TypeReference<>() { };

    private final ProfileRepository profiles;
    private final IdentifierRepository identifiers;
    private final IdentifierTypeService types;
    private final IdentityResolver resolver;
    private final IdentityChangedPublisher merges;
    private final ConsentRepository consents;
    private final ObjectMapper json;
    private final Pool pool;
    private final GraphStore graph;

    public ProfileService(ProfileRepository profiles, IdentifierRepository identifiers, IdentifierTypeService types,
            IdentityResolver resolver, IdentityChangedPublisher merges, ConsentRepository consents, ObjectMapper json, Pool pool, GraphStore graph) {
        this.pool = pool;
        this.graph = graph;
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.types = types;
        this.resolver = resolver;
        this.merges = merges;
        this.consents = consents;
        this.json = json;
    }

    /** The profile, or null when the OneID is unknown. */
    @WithSession
    public Uni<ProfileView> byOneId(String oneId) {
        return profiles.findLive(oneId).chain(this::view);
    }

    /** The profile owning the identifier, or null when nobody has it. */
    @WithSession
    public Uni<ProfileView> byIdentifier(IdentifierValue identifier) {
        return identifiers.findById(identifier.key())
                .chain(found -> found == null ? Uni.createFrom().nullItem() : profiles.findLive(found.oneId))
                .chain(this::view);
    }

    /**
     * Resolves each entry's identifiers to a profile (answers in the order of the entries). One
     * statement reads every owner, outside any transaction. Read only, an entry answers the live
     * profile holding its first identifier that someone holds, or null. With {@code create}, an
     * entry one profile holds entirely is answered from that read; the others are resolved in one
     * transaction, in order, creating and merging as events naming them would.
     */
    public Uni<List<Resolution>> resolve(List<List<IdentifierValue>> people, boolean create, String channel) {
        List<String> keys = people.stream().flatMap(List::stream).map(IdentifierValue::key).distinct().toList();
        return graph.liveOwners(pool, keys).chain(owners -> {
            List<Resolution> answers = new ArrayList<>(Collections.nCopies(people.size(), null));
            List<Integer> unsettled = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                List<IdentifierValue> ids = people.get(i);
                Resolution known = create ? heldByOne(ids, owners) : firstHeld(ids, owners);
                answers.set(i, known);
                if (create && known == null) {
                    unsettled.add(i);
                }
            }
            if (unsettled.isEmpty()) {
                return Uni.createFrom().item(answers);
            }
            return Transactions.withRetryOnConflict(pool, tx -> {
                Instant at = Instant.now();
                List<IdentityResolver.Request> requests = new ArrayList<>();
                for (int i : unsettled) {
                    LinkCause cause = new LinkCause("IdentityService/Resolve " + at + " #" + i, channel, "", at);
                    requests.add(new IdentityResolver.Request(people.get(i), JsonNodeFactory.instance.objectNode(), List.of(), cause));
                }
                return resolver.resolve(tx, requests, at).call(resolutions -> publishMerges(requests, resolutions, at));
            }).map(resolutions -> {
                for (int r = 0; r < unsettled.size(); r++) {
                    answers.set(unsettled.get(r), resolutions.get(r));
                }
                return asOfTheEnd(answers, resolutions);
            });
        });
    }

    /** An entry whose profile a later entry merged answers the survivor, as a read after the call would. */
    private static List<Resolution> asOfTheEnd(List<Resolution> answers, List<Resolution> resolutions) {
        Map<String, Resolution> survivors = new HashMap<>();
        for (Resolution resolution : resolutions) {
            resolution.absorbed().forEach(absorbed -> survivors.put(absorbed.oneId(), resolution));
        }
        if (survivors.isEmpty()) {
            return answers;
        }
        List<Resolution> current = new ArrayList<>(answers.size());
        for (Resolution answer : answers) {
            Resolution survivor = survivors.get(answer.oneId());
            while (survivor != null && survivors.containsKey(survivor.oneId())) {
                survivor = survivors.get(survivor.oneId());
            }
            current.add(survivor == null ? answer : Resolution.existing(survivor.oneId(), survivor.ordinal()));
        }
        return current;
    }

    private static Resolution firstHeld(List<IdentifierValue> ids, Map<String, GraphStore.LiveOwner> owners) {
        return ids.stream().map(id -> owners.get(id.key())).filter(Objects::nonNull).findFirst().map(ProfileService::existing).orElse(null);
    }

    /** The profile holding every one of the identifiers, or null: there is something to create or link. */
    private static Resolution heldByOne(List<IdentifierValue> ids, Map<String, GraphStore.LiveOwner> owners) {
        GraphStore.LiveOwner holder = owners.get(ids.get(0).key());
        return holder != null && ids.stream().allMatch(id -> holder.equals(owners.get(id.key()))) ? existing(holder) : null;
    }

    private Uni<Void> publishMerges(List<IdentityResolver.Request> requests, List<Resolution> resolutions, Instant at) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            sends.add(merges.publishMerges(resolutions.get(i), requests.get(i).cause().messageId(), at));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Resolution existing(GraphStore.LiveOwner owner) {
        return Resolution.existing(owner.oneId(), owner.ordinal());
    }

    /**
     * Merges profiles on an operator's word, through the same rules as an event naming their top
     * identifiers: the oldest survives, and a merge that would break a limit is refused and recorded.
     *
     * @return the resolution (its absorbed profiles are those that merged) and the refusals it caused
     */
    public Uni<AdminMerge> merge(List<String> oneIds, String reason) {
        if (oneIds.size() < 2) {
            throw new InvalidInputException("oneIds", "name at least two profiles to merge");
        }
        String cause = "admin-merge/" + UUID.randomUUID();
        return Panache.withSession(() -> topIdentifiers(oneIds))
                .chain(tops -> Transactions.withRetryOnConflict(pool, tx -> {
                    Instant at = Instant.now();
                    return resolveOne(tx, tops, new LinkCause(cause, "admin", reason == null ? "" : reason, at), at);
                }))
                .chain(resolution -> Panache.withSession(() -> refusedBy(cause)).map(refused -> new AdminMerge(resolution.oneId(),
                        resolution.absorbed().stream().map(Resolution.Absorbed::oneId).toList(), refused)));
    }

    private Uni<Resolution> resolveOne(SqlConnection tx, List<IdentifierValue> ids, LinkCause cause, Instant at) {
        IdentityResolver.Request request = new IdentityResolver.Request(ids, JsonNodeFactory.instance.objectNode(), List.of(), cause);
        return resolver.resolve(tx, List.of(request), at).map(resolutions -> resolutions.get(0))
                .call(resolution -> merges.publishMerges(resolution, cause.messageId(), at));
    }

    /** The highest-priority unshared identifier of each of the live profiles. */
    private Uni<List<IdentifierValue>> topIdentifiers(List<String> oneIds) {
        return profiles.findByOneIds(oneIds).chain(found -> {
            List<String> live = found.stream().filter(p -> p.mergedInto == null).map(p -> p.oneId).toList();
            if (live.size() != oneIds.stream().distinct().count()) {
                throw new UnknownProfileException("oneIds: not all of " + oneIds + " are live profiles");
            }
            return identifiers.list("oneId in ?1", live).map(held -> {
                List<IdentifierValue> tops = new ArrayList<>();
                for (String oneId : live) {
                    held.stream().filter(i -> i.oneId.equals(oneId) && !i.shared)
                            .map(i -> new IdentifierValue(i.type, i.value))
                            .min(types.current().priorityOrder())
                            .ifPresent(tops::add);
                }
                return tops;
            });
        });
    }

    /** An operator's merge: the surviving profile, those it absorbed, and the links refused. */
    public record AdminMerge(String oneId, List<String> absorbed, List<RefusedLinkView> refused) {
    }

    private Uni<List<RefusedLinkView>> refusedBy(String cause) {
        return RefusedLink.<RefusedLink>list("cause", cause).map(links -> links.stream().map(ProfileService::view).toList());
    }

    private static RefusedLinkView view(RefusedLink l) {
        return new RefusedLinkView(l.profileOneId, l.identifier, l.ownerOneId, l.reason, l.cause, l.at);
    }

    /** Links refused around a profile: identifiers it did not get, and ones it kept from others. */
    @WithSession
    public Uni<List<RefusedLinkView>> refusedLinks(String oneId) {
        return RefusedLink.<RefusedLink>list("profileOneId = ?1 or ownerOneId = ?1 order by at desc, id desc", oneId)
                .map(links -> links.stream().map(ProfileService::view).toList());
    }

    @WithSession
    public Uni<Long> countLive() {
        return profiles.countLive();
    }

    private Uni<ProfileView> view(Profile profile) {
        if (profile == null) {
            return Uni.createFrom().nullItem();
        }
        return identifiers.listByOneId(profile.oneId).chain(ids -> profiles.listAbsorbedInto(profile.oneId)
                .chain(absorbed -> {
                    List<String> lineage = new ArrayList<>(absorbed);
                    lineage.add(profile.oneId);
                    return MergeRecord.<MergeRecord>list("survivorOneId in ?1 order by at, id", lineage)
                            .chain(merges -> consents.history(profile.oneId).map(history -> new ProfileView(
                                    profile.oneId, profile.ordinal,
                                    ids.stream().map(i -> new IdentifierValue(i.type, i.value)).toList(),
                                    parse(profile.traits, TRAITS), profile.createdAt, profile.updatedAt, absorbed,
                                    merges.stream().map(this::view).toList(),
                                    ConsentService.inForce(history.stream().map(ConsentView::of).toList()))));
                }));
    }

    private MergeView view(MergeRecord merge) {
        return new MergeView(merge.survivorOneId, merge.absorbedOneId, merge.causeMessageId, merge.channel, merge.source,
                parse(merge.identifiers, IDENTIFIERS), merge.at);
    }

    private <T> T parse(String stored, TypeReference<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not " + type.getType().getTypeName(), e);
        }
    }
}
