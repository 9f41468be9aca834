package dev.cdp.identity.merge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.resolution.IdentityGraph;
import dev.cdp.identity.resolution.IdentityResolver;
import dev.cdp.identity.resolution.LinkCause;
import dev.cdp.identity.resolution.RefusedLinkView;
import dev.cdp.identity.resolution.Resolution;
import dev.cdp.identity.resolution.UnknownProfileException;
import dev.cdp.identity.resolution.messaging.MergePublisher;
import dev.cdp.platform.db.Transactions;
import dev.cdp.platform.error.InvalidInputException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Merges on an operator's word (REST and gRPC {@code Merge}). */
@ApplicationScoped
public class MergeService {

    private final IdentityGraph graph;
    private final IdentifierTypeService types;
    private final IdentityResolver resolver;
    private final MergePublisher merges;
    private final Pool pool;

    public MergeService(
            IdentityGraph graph,
            IdentifierTypeService types,
            IdentityResolver resolver,
            MergePublisher merges,
            Pool pool) {
        this.graph = graph;
        this.types = types;
        this.resolver = resolver;
        this.merges = merges;
        this.pool = pool;
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
                .chain(resolution -> Panache.withSession(() -> graph.refusedBy(cause))
                        .map(refused -> new AdminMerge(
                                resolution.oneId(),
                                resolution.absorbed().stream()
                                        .map(Resolution.Absorbed::oneId)
                                        .toList(),
                                refused)));
    }

    private Uni<Resolution> resolveOne(SqlConnection tx, List<IdentifierValue> ids, LinkCause cause, Instant at) {
        IdentityResolver.Request request =
                new IdentityResolver.Request(ids, JsonNodeFactory.instance.objectNode(), List.of(), cause);
        return resolver.resolve(tx, List.of(request), at)
                .map(resolutions -> resolutions.get(0))
                .call(resolution -> merges.publishMerges(resolution, cause.messageId(), at));
    }

    /** The highest-priority unshared identifier of each of the live profiles. */
    private Uni<List<IdentifierValue>> topIdentifiers(List<String> oneIds) {
        return graph.findByOneIds(oneIds).chain(found -> {
            List<String> live = found.stream()
                    .filter(p -> p.mergedInto == null)
                    .map(p -> p.oneId)
                    .toList();
            if (live.size() != oneIds.stream().distinct().count()) {
                throw new UnknownProfileException("oneIds: not all of " + oneIds + " are live profiles");
            }
            return graph.identifiersOfAll(live).map(held -> {
                List<IdentifierValue> tops = new ArrayList<>();
                for (String oneId : live) {
                    held.stream()
                            .filter(i -> i.oneId.equals(oneId) && !i.shared)
                            .map(i -> new IdentifierValue(i.type, i.value))
                            .min(types.current().priorityOrder())
                            .ifPresent(tops::add);
                }
                return tops;
            });
        });
    }

    /** An operator's merge: the surviving profile, those it absorbed, and the links refused. */
    public record AdminMerge(String oneId, List<String> absorbed, List<RefusedLinkView> refused) {}
}
