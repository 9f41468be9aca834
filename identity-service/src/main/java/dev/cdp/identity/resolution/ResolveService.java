package dev.cdp.identity.resolution;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.resolution.messaging.MergePublisher;
import dev.cdp.identity.resolution.repository.GraphStore;
import dev.cdp.platform.db.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Identifiers to the OneIDs of the people they belong to, on request (gRPC Resolve and BatchResolve), creating them when asked. */
@ApplicationScoped
public class ResolveService {

    private final IdentityResolver resolver;
    private final MergePublisher merges;
    private final Pool pool;
    private final GraphStore graph;

    public ResolveService(IdentityResolver resolver, MergePublisher merges, Pool pool, GraphStore graph) {
        this.resolver = resolver;
        this.merges = merges;
        this.pool = pool;
        this.graph = graph;
    }

    /**
     * Resolves each entry's identifiers to a profile (answers in the order of the entries). One
     * statement reads every owner, outside any transaction. Read only, an entry answers the live
     * profile holding its first identifier that someone holds, or null. With {@code create}, an
     * entry one profile holds entirely is answered from that read; the others are resolved in one
     * transaction, in order, creating and merging as events naming them would.
     */
    public Uni<List<Resolution>> resolve(List<List<IdentifierValue>> people, boolean create, String channel) {
        List<String> keys = people.stream()
                .flatMap(List::stream)
                .map(IdentifierValue::key)
                .distinct()
                .toList();
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
                            LinkCause cause =
                                    new LinkCause("IdentityService/Resolve " + at + " #" + i, channel, "", at);
                            requests.add(new IdentityResolver.Request(
                                    people.get(i), JsonNodeFactory.instance.objectNode(), List.of(), cause));
                        }
                        return resolver.resolve(tx, requests, at)
                                .call(resolutions -> publishMerges(requests, resolutions, at));
                    })
                    .map(resolutions -> {
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
        return ids.stream()
                .map(id -> owners.get(id.key()))
                .filter(Objects::nonNull)
                .findFirst()
                .map(ResolveService::existing)
                .orElse(null);
    }

    /** The profile holding every one of the identifiers, or null: there is something to create or link. */
    private static Resolution heldByOne(List<IdentifierValue> ids, Map<String, GraphStore.LiveOwner> owners) {
        GraphStore.LiveOwner holder = owners.get(ids.get(0).key());
        return holder != null && ids.stream().allMatch(id -> holder.equals(owners.get(id.key())))
                ? existing(holder)
                : null;
    }

    private Uni<Void> publishMerges(List<IdentityResolver.Request> requests, List<Resolution> resolutions, Instant at) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            sends.add(merges.publishMerges(
                    resolutions.get(i), requests.get(i).cause().messageId(), at));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Resolution existing(GraphStore.LiveOwner owner) {
        return Resolution.existing(owner.oneId(), owner.ordinal());
    }
}
