package dev.cdp.identity.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.ConsentChoice;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.resolution.repository.GraphStore;
import dev.cdp.identity.traits.TraitObservation;
import dev.cdp.identity.traits.TraitService;
import dev.cdp.platform.db.ConcurrentChangeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Resolves batches of events to profiles, creating and merging as needed, in the caller's
 * transaction. The profiles a batch touches are read and locked first (so instances resolving the
 * same people at once take turns instead of losing identifiers), every event is then applied in
 * memory in order ({@link GraphView}), and the outcome is written in a few multi-row statements.
 *
 * <p>A new profile's OneID is derived from its highest-priority identifier, so replaying the same
 * data yields the same OneIDs and two instances creating the same person at once collide on a key
 * (the caller retries) instead of creating twins.
 */
@ApplicationScoped
public class IdentityResolver {

    private final GraphStore store;
    private final IdentifierTypeService types;
    private final int maxIdentifiers;
    private final Set<String> deviceTypes;
    private final TraitService traits;
    private final GraphView.TraitJson traitJson;
    private final Duration lastSeenPrecision;

    public IdentityResolver(GraphStore store, IdentifierTypeService types, IdentityConfig config, TraitService traits) {
        this.store = store;
        this.types = types;
        this.maxIdentifiers = config.maxIdentifiersPerProfile();
        this.deviceTypes = Set.copyOf(config.deviceTypes());
        this.traits = traits;
        this.lastSeenPrecision = config.lastSeenPrecision();
        this.traitJson = new GraphView.TraitJson() {
            @Override
            public ObjectNode read(String stored) {
                return traits.read(stored);
            }

            @Override
            public String write(JsonNode value) {
                return traits.write(value);
            }
        };
    }

    public static String oneIdFor(IdentifierValue identifier) {
        return oneIdFor(identifier.key());
    }

    /** From the identifier's stored key: a keyed hash, so nobody derives a OneID from an email without the lookup key. */
    public static String oneIdFor(String identifierKey) {
        return UUID.nameUUIDFromBytes(("cdp/" + identifierKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * What one event (or import row, or API call) asks of the graph.
     *
     * @param ids normalised identifiers, at least one
     * @param traits traits stated (may be empty)
     * @param consents consent decisions stated (may be empty)
     * @param cause what asks for the links, recorded with any merge, refusal, trait and consent
     */
    public record Request(
            List<IdentifierValue> ids, ObjectNode traits, List<ConsentChoice> consents, LinkCause cause) {}

    /** Resolves the requests in order, each as if it ran alone; one resolution per request. */
    public Uni<List<Resolution>> resolve(SqlConnection tx, List<Request> requests, Instant at) {
        Set<String> keys = new TreeSet<>();
        requests.forEach(r -> r.ids().forEach(id -> keys.add(id.key())));
        return load(tx, keys, at).chain(view -> {
            List<GraphView.Outcome> outcomes = new ArrayList<>();
            for (Request request : requests) {
                outcomes.add(view.apply(request.ids(), request.traits(), request.consents(), request.cause()));
            }
            return write(tx, view, at)
                    .map(ignored ->
                            outcomes.stream().map(IdentityResolver::resolution).toList());
        });
    }

    /**
     * Reads the identifiers and locks their profiles. The owners are read again under the locks:
     * if a concurrent merge or split moved one meanwhile, the batch fails with a conflict the caller
     * retries, so it never applies to a graph that is no longer there.
     */
    private Uni<GraphView> load(SqlConnection tx, Collection<String> keys, Instant at) {
        return store.identifiers(tx, keys).chain(before -> {
            Set<String> owners = new TreeSet<>();
            before.forEach(i -> owners.add(i.oneId()));
            if (owners.isEmpty()) {
                return Uni.createFrom().item(view(List.of(), List.of(), Map.of(), at));
            }
            // Pipelined, and run in this order: the identifiers and counts are read under the locks.
            return Uni.combine()
                    .all()
                    .unis(store.lockProfiles(tx, owners), store.identifiers(tx, keys), store.countByType(tx, owners))
                    .asTuple()
                    .chain(locked -> {
                        List<GraphStore.StoredProfile> profiles = locked.getItem1();
                        List<GraphStore.StoredIdentifier> after = locked.getItem2();
                        boolean moved = !ownership(after).equals(ownership(before))
                                || profiles.size() != owners.size()
                                || profiles.stream().anyMatch(p -> p.mergedInto() != null);
                        if (moved) {
                            return Uni.createFrom()
                                    .failure(new ConcurrentChangeException(
                                            "profiles " + owners + " changed while being resolved"));
                        }
                        return Uni.createFrom().item(view(profiles, after, locked.getItem3(), at));
                    });
        });
    }

    private static Set<List<Object>> ownership(List<GraphStore.StoredIdentifier> identifiers) {
        return identifiers.stream().map(GraphStore.StoredIdentifier::ownership).collect(Collectors.toSet());
    }

    private GraphView view(
            List<GraphStore.StoredProfile> profiles,
            List<GraphStore.StoredIdentifier> identifiers,
            Map<String, Map<String, Integer>> counts,
            Instant at) {
        GraphView view = new GraphView(
                types.current(),
                maxIdentifiers,
                deviceTypes,
                traits.survivorship(),
                traitJson,
                at.minus(lastSeenPrecision));
        profiles.forEach(p -> view.addProfile(
                p.oneId(), p.ordinal(), p.traits(), p.traitSources(), counts.getOrDefault(p.oneId(), Map.of())));
        identifiers.forEach(i -> view.addIdentifier(i.key(), i.oneId(), i.shared(), i.lastSeenAt()));
        return view;
    }

    /**
     * Writes what the batch changed; profiles created get their ordinals first. The statements
     * need nothing from each other's results, so they are sent at once: the connection pipelines
     * them and PostgreSQL runs them in this order, in one round trip instead of one each.
     */
    private Uni<Void> write(SqlConnection tx, GraphView view, Instant at) {
        Uni<Void> ordinals = view.created.isEmpty()
                ? Uni.createFrom().voidItem()
                : store.nextOrdinals(tx, view.created.size())
                        .invoke(numbers -> {
                            for (int i = 0; i < numbers.size(); i++) {
                                view.created.get(i).ordinal = numbers.get(i);
                            }
                        })
                        .replaceWithVoid();
        return ordinals.chain(() -> pipelined(statements(tx, view, at)))
                .chain(() -> recompute(tx, view))
                .chain(() -> updateChanged(tx, view, at));
    }

    private static Uni<Void> pipelined(List<Uni<Void>> statements) {
        return statements.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    private List<Uni<Void>> statements(SqlConnection tx, GraphView view, Instant at) {
        List<Uni<Void>> statements = new ArrayList<>();
        if (!view.created.isEmpty()) {
            List<GraphView.Node> rows = view.created.stream()
                    .sorted((a, b) -> a.oneId.compareTo(b.oneId))
                    .toList();
            statements.add(store.insertProfiles(
                    tx,
                    rows.stream().map(n -> n.ordinal).toList(),
                    rows.stream().map(n -> n.oneId).toList(),
                    rows.stream().map(n -> traitJson.write(n.traits(traitJson))).toList(),
                    rows.stream()
                            .map(n -> traitJson.write(n.sources(traitJson)))
                            .toList(),
                    rows.stream()
                            .map(n -> n.mergedInto == null ? null : n.live().oneId)
                            .toList(),
                    at));
        }
        List<GraphView.Merge> storedMerges =
                view.merges.stream().filter(m -> !m.absorbed().created).toList();
        if (!storedMerges.isEmpty()) {
            statements.add(store.merge(
                    tx,
                    storedMerges.stream().map(m -> m.absorbed().oneId).toList(),
                    storedMerges.stream().map(m -> m.absorbed().live().oneId).toList(),
                    at));
        }
        if (!view.linked.isEmpty()) {
            List<GraphView.NewIdentifier> rows = view.linked.stream()
                    .sorted((a, b) -> a.id().key().compareTo(b.id().key()))
                    .toList();
            statements.add(store.insertIdentifiers(
                    tx,
                    rows.stream().map(r -> r.id().key()).toList(),
                    rows.stream().map(r -> r.id().type()).toList(),
                    rows.stream().map(r -> r.id().value()).toList(),
                    rows.stream().map(r -> r.owner().live().oneId).toList(),
                    rows.stream().map(GraphView.NewIdentifier::channel).toList(),
                    at));
        }
        if (!view.seen.isEmpty()) {
            statements.add(store.markSeen(tx, new ArrayList<>(new TreeSet<>(view.seen)), at));
        }
        if (!view.links.isEmpty()) {
            List<GraphView.Link> rows = new ArrayList<>(view.links.values());
            statements.add(store.insertLinks(
                    tx,
                    rows.stream().map(GraphView.Link::a).toList(),
                    rows.stream().map(GraphView.Link::b).toList(),
                    rows.stream().map(GraphView.Link::cause).toList(),
                    rows.stream().map(GraphView.Link::channel).toList(),
                    at));
        }
        if (!view.refusals.isEmpty()) {
            List<GraphView.Refusal> rows = view.refusals;
            statements.add(store.insertRefusals(
                    tx,
                    rows.stream().map(GraphView.Refusal::profileOneId).toList(),
                    rows.stream().map(r -> r.identifier().key()).toList(),
                    rows.stream().map(r -> r.identifier().qualified()).toList(),
                    rows.stream().map(GraphView.Refusal::ownerOneId).toList(),
                    rows.stream().map(GraphView.Refusal::reason).toList(),
                    rows.stream().map(GraphView.Refusal::cause).toList(),
                    at));
        }
        if (!view.merges.isEmpty()) {
            List<GraphView.Merge> rows = view.merges;
            statements.add(store.insertMerges(
                    tx,
                    rows.stream().map(GraphView.Merge::survivorOneId).toList(),
                    rows.stream().map(m -> m.absorbed().oneId).toList(),
                    rows.stream().map(m -> m.cause().messageId()).toList(),
                    rows.stream().map(m -> m.cause().channel()).toList(),
                    rows.stream().map(m -> m.cause().source()).toList(),
                    rows.stream().map(m -> traits.write(m.identifiers())).toList(),
                    at));
        }
        if (!view.observations.isEmpty()) {
            List<GraphView.Observation> rows = view.observations;
            statements.add(store.insertObservations(
                    tx,
                    rows.stream().map(o -> o.owner().live().oneId).toList(),
                    rows.stream().map(GraphView.Observation::trait).toList(),
                    rows.stream().map(GraphView.Observation::value).toList(),
                    rows.stream().map(o -> o.cause().channel()).toList(),
                    rows.stream().map(o -> o.cause().messageId()).toList(),
                    rows.stream().map(GraphView.Observation::identifierKeys).toList(),
                    rows.stream().map(o -> o.cause().occurredAt()).toList()));
        }
        if (!view.consents.isEmpty()) {
            List<GraphView.Consent> rows = view.consents;
            // Decided when the person decided: the event's timestamp.
            statements.add(store.insertConsents(
                    tx,
                    rows.stream().map(c -> c.owner().live().oneId).toList(),
                    rows.stream().map(c -> c.choice().purpose()).toList(),
                    rows.stream().map(c -> c.choice().channel()).toList(),
                    rows.stream().map(c -> c.choice().granted()).toList(),
                    rows.stream().map(c -> c.cause().source()).toList(),
                    rows.stream().map(c -> c.cause().messageId()).toList(),
                    rows.stream().map(c -> c.cause().occurredAt()).toList()));
        }
        return statements;
    }

    /** Profiles that absorbed others: traits from every statement both sides made, stored traits filling the gaps. */
    private Uni<Void> recompute(SqlConnection tx, GraphView view) {
        Map<String, GraphView.Node> survivors = new HashMap<>();
        for (GraphView.Node node : view.profiles()) {
            if (node.mergedInto == null && node.recompute()) {
                survivors.put(node.oneId, node);
            }
        }
        if (survivors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.observations(tx, survivors.keySet())
                .invoke(rows -> {
                    Map<String, List<TraitObservation>> byProfile = new HashMap<>();
                    for (GraphStore.StoredObservation row : rows) {
                        TraitObservation statement = new TraitObservation();
                        statement.id = row.id();
                        statement.trait = row.trait();
                        statement.value = row.value();
                        statement.channel = row.channel();
                        statement.observedAt = row.observedAt();
                        byProfile
                                .computeIfAbsent(row.oneId(), k -> new ArrayList<>())
                                .add(statement);
                    }
                    survivors.forEach((oneId, node) -> {
                        ObjectNode[] folded = traits.fold(byProfile.getOrDefault(oneId, List.of()), node.legacy);
                        node.traits(traitJson).removeAll().setAll(folded[0]);
                        node.sources(traitJson).removeAll().setAll(folded[1]);
                    });
                })
                .replaceWithVoid();
    }

    /**
     * Rewrites the stored profiles this batch changed: new traits or trait sources, identifiers
     * linked, others absorbed. An event that changes nothing (most of a known person's) writes no
     * profile row, so {@code updated_at} is when the profile last changed.
     */
    private Uni<Void> updateChanged(SqlConnection tx, GraphView view, Instant at) {
        List<String> oneIds = new ArrayList<>();
        List<String> traitTexts = new ArrayList<>();
        List<String> sourceTexts = new ArrayList<>();
        view.profiles().forEach(node -> {
            // A profile created here was inserted with its traits, unless it absorbed others since.
            if (node.mergedInto != null || (node.created && !node.recompute())) {
                return;
            }
            boolean changed = node.grew || node.recompute();
            if (!changed && !node.traitsRead()) {
                return;
            }
            String traitText = traitJson.write(node.traits(traitJson));
            String sourceText = traitJson.write(node.sources(traitJson));
            if (changed || !node.stored(traitText, sourceText)) {
                oneIds.add(node.oneId);
                traitTexts.add(traitText);
                sourceTexts.add(sourceText);
            }
        });
        return oneIds.isEmpty()
                ? Uni.createFrom().voidItem()
                : store.updateProfiles(tx, oneIds, traitTexts, sourceTexts, at);
    }

    private static Resolution resolution(GraphView.Outcome outcome) {
        List<Resolution.Absorbed> absorbed = outcome.absorbed().stream()
                .map(n -> new Resolution.Absorbed(n.oneId, n.ordinal))
                .toList();
        return new Resolution(outcome.profile().oneId, outcome.profile().ordinal, outcome.created(), absorbed);
    }
}
