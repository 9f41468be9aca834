package dev.cdp.identity.privacy.erasure;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.ingest.MessageLog;
import dev.cdp.identity.merge.Lineage;
import dev.cdp.identity.privacy.erasure.messaging.ErasurePublisher;
import dev.cdp.identity.privacy.erasure.repository.ErasureRepository;
import dev.cdp.identity.resolution.IdentityGraph;
import dev.cdp.identity.resolution.Profile;
import dev.cdp.identity.suppression.Suppression;
import dev.cdp.identity.traits.TraitService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Erases a person: everything identity-service holds on them goes in one transaction, the request
 * is kept as the receipt's anchor, and cdp.identity.changed (ERASED) asks every other service to
 * erase too; their confirmations complete the receipt. The person's own identifiers stay behind
 * as keyed hashes for a while, so that old events replayed or still in flight cannot bring them
 * back ({@link Suppression}).
 *
 * <p>The ERASED record is published before the commit, like every record of this service: a
 * failure rolls the erasure back and the caller retries; a commit failing after the publish makes
 * the other services erase a person who is still here, and the retry erases them here too.
 */
@ApplicationScoped
public class ErasureService {

    public static final String SERVICE = "identity-service";

    private final IdentityGraph graph;
    private final TraitService traits;
    private final ConsentService consents;
    private final Lineage lineage;
    private final MessageLog messages;
    private final ErasureRepository erasures;
    private final ErasurePublisher publisher;
    private final Suppression suppression;
    private final List<String> services;

    public ErasureService(
            IdentityGraph graph,
            TraitService traits,
            ConsentService consents,
            Lineage lineage,
            MessageLog messages,
            ErasureRepository erasures,
            ErasurePublisher publisher,
            Suppression suppression,
            IdentityConfig config) {
        this.graph = graph;
        this.traits = traits;
        this.consents = consents;
        this.lineage = lineage;
        this.messages = messages;
        this.erasures = erasures;
        this.publisher = publisher;
        this.suppression = suppression;
        this.services = List.copyOf(config.erasureServices());
    }

    /** What an erasure call did: erased the person now, or found them erased before. */
    public record Outcome(ReceiptView receipt, boolean erasedNow) {}

    /**
     * Erases the person the OneID stands for (an absorbed OneID stands for its survivor).
     *
     * @return the new receipt; the existing one when the OneID was erased before; null when the
     *     OneID is unknown
     */
    @WithTransaction
    public Uni<Outcome> erase(String oneId) {
        return graph.findLive(oneId)
                .chain(profile -> profile == null
                        ? erasures.findByErasedOneId(oneId)
                                .chain(existing -> existing == null
                                        ? Uni.createFrom().nullItem()
                                        : receipt(existing).map(receipt -> new Outcome(receipt, false)))
                        : graph.absorbedInto(profile.oneId)
                                .chain(absorbed -> eraseNow(profile, absorbed))
                                .map(receipt -> new Outcome(receipt, true)));
    }

    /** The receipt of a request, or null for an unknown id. */
    @WithSession
    public Uni<ReceiptView> receipt(String requestId) {
        return erasures.findById(requestId)
                .chain(request -> request == null ? Uni.createFrom().nullItem() : receipt(request));
    }

    /** Records what a service confirmed; a store confirmed before keeps its first time. */
    @WithTransaction
    public Uni<Void> confirm(String requestId, List<StoreConfirmation> stores) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StoreConfirmation store : stores) {
            chain = chain.chain(() -> erasures.confirm(requestId, store));
        }
        return chain;
    }

    private Uni<ReceiptView> eraseNow(Profile profile, List<String> absorbed) {
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID().toString();
        request.oneId = profile.oneId;
        request.absorbedOneIds = String.join(",", absorbed);
        request.requestedAt = Instant.now();
        List<String> all = new ArrayList<>(absorbed);
        all.add(0, profile.oneId);
        return request.<ErasureRequest>persist()
                .chain(() -> graph.identifiersOfAll(all))
                .chain(held -> {
                    List<String> keys =
                            held.stream().map(identifier -> identifier.key).toList();
                    List<String> own = held.stream()
                            .filter(identifier -> !identifier.shared)
                            .map(identifier -> identifier.key)
                            .toList();
                    return suppression
                            .remember(own, request.id, request.requestedAt)
                            // The graph's edges name the person's identifiers: every edge touching one of
                            // their own, and those between two identifiers they held.
                            .chain(() -> erased(request, "identity_link", () -> graph.eraseLinks(own, keys)));
                })
                .chain(() -> erased(request, "profile_identifier", () -> graph.eraseIdentifiers(all)))
                .chain(() -> erased(request, "trait_observation", () -> traits.erase(all)))
                .chain(() -> erased(request, "split_record", () -> lineage.eraseSplits(all)))
                .chain(() -> erased(request, "consent_record", () -> consents.erase(all)))
                .chain(() -> erased(request, "merge_record", () -> lineage.eraseMerges(all)))
                .chain(() -> erased(request, "refused_link", () -> graph.eraseRefusedLinks(all)))
                .chain(() -> erased(request, "ingested_message", () -> messages.forget(all)))
                // The profile row holds the traits; its tombstones hold the absorbed OneIDs.
                .chain(() -> erased(request, "profile", () -> graph.eraseProfiles(all)))
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> publisher.publishErasure(
                        request.id, profile.oneId, profile.ordinal, absorbed, request.requestedAt))
                .chain(() -> receipt(request));
    }

    private Uni<Void> erased(ErasureRequest request, String store, Supplier<Uni<Long>> delete) {
        return delete.get()
                .chain(() -> erasures.confirm(request.id, new StoreConfirmation(SERVICE, store, Instant.now())));
    }

    private Uni<ReceiptView> receipt(ErasureRequest request) {
        return erasures.stores(request.id).map(stores -> {
            Map<String, Map<String, Instant>> byService = new LinkedHashMap<>();
            Instant last = null;
            for (ErasedStore store : stores) {
                byService.computeIfAbsent(store.service, s -> new TreeMap<>()).put(store.store, store.finishedAt);
                last = last == null || store.finishedAt.isAfter(last) ? store.finishedAt : last;
            }
            List<String> pending = services.stream()
                    .filter(service -> !byService.containsKey(service))
                    .toList();
            List<String> absorbed =
                    request.absorbedOneIds.isEmpty() ? List.of() : Arrays.asList(request.absorbedOneIds.split(","));
            return new ReceiptView(
                    request.id,
                    request.oneId,
                    absorbed,
                    request.requestedAt,
                    byService,
                    pending,
                    pending.isEmpty(),
                    pending.isEmpty() ? last : null);
        });
    }
}
