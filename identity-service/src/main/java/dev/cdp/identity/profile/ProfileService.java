package dev.cdp.identity.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.merge.Lineage;
import dev.cdp.identity.resolution.IdentityGraph;
import dev.cdp.identity.resolution.Profile;
import dev.cdp.identity.resolution.ProfileIdentifier;
import dev.cdp.identity.resolution.RefusedLinkView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads profiles with their merge history; an absorbed OneID answers for its survivor. */
@ApplicationScoped
public class ProfileService {

    private static final TypeReference<Map<String, Object>> TRAITS = new TypeReference<>() {};

    private final IdentityGraph graph;
    private final Lineage lineage;
    private final ConsentService consents;
    private final ObjectMapper json;

    public ProfileService(IdentityGraph graph, Lineage lineage, ConsentService consents, ObjectMapper json) {
        this.graph = graph;
        this.lineage = lineage;
        this.consents = consents;
        this.json = json;
    }

    /** The profile, or null when the OneID is unknown. */
    @WithSession
    public Uni<ProfileView> byOneId(String oneId) {
        return graph.findLive(oneId).chain(this::view);
    }

    /** The profile owning the identifier, or null when nobody has it. */
    @WithSession
    public Uni<ProfileView> byIdentifier(IdentifierValue identifier) {
        return graph.identifier(identifier.key())
                .chain(found -> found == null ? Uni.createFrom().nullItem() : graph.findLive(found.oneId))
                .chain(this::view);
    }

    /** Links refused around a profile: identifiers it did not get, and ones it kept from others. */
    @WithSession
    public Uni<List<RefusedLinkView>> refusedLinks(String oneId) {
        return graph.refusedAround(oneId);
    }

    /**
     * The identifiers each OneID holds, of the types asked for (every type when empty), in type,
     * then value order; a OneID holding none (unknown, erased, merged away) maps to an empty list.
     */
    @WithSession
    public Uni<Map<String, List<IdentifierValue>>> identifiersOf(List<String> oneIds, Set<String> types) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return graph.identifiersOfAll(oneIds).map(held -> {
            Map<String, List<IdentifierValue>> byOneId = new LinkedHashMap<>();
            oneIds.forEach(oneId -> byOneId.put(oneId, new ArrayList<>()));
            held.stream()
                    .filter(id -> types.isEmpty() || types.contains(id.type))
                    .sorted(Comparator.<ProfileIdentifier, String>comparing(id -> id.type)
                            .thenComparing(id -> id.value))
                    .forEach(id -> byOneId.get(id.oneId).add(new IdentifierValue(id.type, id.value)));
            return byOneId;
        });
    }

    @WithSession
    public Uni<Long> countLive() {
        return graph.countLive();
    }

    private Uni<ProfileView> view(Profile profile) {
        if (profile == null) {
            return Uni.createFrom().nullItem();
        }
        return graph.identifiersOf(profile.oneId)
                .chain(ids -> graph.absorbedInto(profile.oneId).chain(absorbed -> {
                    List<String> survivors = new ArrayList<>(absorbed);
                    survivors.add(profile.oneId);
                    return lineage.mergesInto(survivors)
                            .chain(merges -> consents.history(profile.oneId)
                                    .map(history -> new ProfileView(
                                            profile.oneId,
                                            profile.ordinal,
                                            ids.stream()
                                                    .map(i -> new IdentifierValue(i.type, i.value))
                                                    .toList(),
                                            parse(profile.traits),
                                            profile.createdAt,
                                            profile.updatedAt,
                                            absorbed,
                                            merges,
                                            ConsentService.inForce(history))));
                }));
    }

    private Map<String, Object> parse(String stored) {
        try {
            return json.readValue(stored, TRAITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is not " + TRAITS.getType().getTypeName(), e);
        }
    }
}
