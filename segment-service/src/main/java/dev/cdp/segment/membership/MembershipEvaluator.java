package dev.cdp.segment.membership;

import dev.cdp.platform.db.Transactions;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.membership.messaging.MembershipPublisher;
import dev.cdp.segment.membership.repository.MembershipRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings one profile's memberships in line with its current tags: for every segment, a profile
 * that now matches and was not a member enters, one that no longer matches exits.
 *
 * <p>The changes are written and published in one transaction, and the transaction commits only
 * after Kafka acknowledged every transition. A failure rolls back and the record is retried or
 * dead-lettered, so no transition is lost; a redelivered record finds the memberships already
 * applied and publishes nothing. A commit failing after the publish can only repeat a transition
 * with the same messageId, which consumers drop.
 */
@ApplicationScoped
public class MembershipEvaluator {

    private final SegmentCatalog catalog;
    private final MembershipRepository memberships;
    private final MembershipPublisher publisher;
    private final Pool pool;
    private final Counter entered;
    private final Counter exited;

    public MembershipEvaluator(SegmentCatalog catalog, MembershipRepository memberships, MembershipPublisher publisher,
            Pool pool, MeterRegistry metrics) {
        this.catalog = catalog;
        this.pool = pool;
        this.memberships = memberships;
        this.publisher = publisher;
        this.entered = metrics.counter("cdp.segment.transitions", "transition", "enter");
        this.exited = metrics.counter("cdp.segment.transitions", "transition", "exit");
    }

    /** The transitions made, empty when the profile's memberships were already current. */
    public Uni<List<MembershipTransition>> evaluate(TagSnapshot snapshot) {
        return catalog.current()
                .chain(segments -> segmentsOf(snapshot.oneId()).chain(current -> moves(segments, RuleValues.of(snapshot.tags()), current)
                        ? Transactions.withRetryOnConflict(() -> apply(segments, snapshot))
                        : Uni.createFrom().item(List.<MembershipTransition>of())))
                .invoke(transitions -> transitions.forEach(
                        t -> (t.transition() == Transition.ENTER ? entered : exited).increment()));
    }

    /**
     * The segments the profile is in, in one statement outside any transaction: most tag changes
     * move no membership and need nothing more. Those that do are decided again in the transaction.
     */
    private Uni<Set<String>> segmentsOf(String oneId) {
        return pool.preparedQuery("select segment_id from membership where one_id = $1").execute(Tuple.of(oneId))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private static boolean moves(List<CompiledSegment> segments, Map<String, Object> values, Set<String> current) {
        for (CompiledSegment segment : segments) {
            if (segment.rule().matches(values) != current.contains(segment.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A profile that merged into another leaves every segment it was in; the survivor's own tag
     * change re-evaluates the survivor. A replay finds no membership left and publishes nothing.
     */
    public Uni<List<MembershipTransition>> leaveAll(TagSnapshot gone) {
        return catalog.current()
                .chain(segments -> Transactions.withRetryOnConflict(() -> memberships.listByOneId(gone.oneId()).chain(current -> {
                    Map<String, String> names = new HashMap<>();
                    segments.forEach(segment -> names.put(segment.id(), segment.name()));
                    List<MembershipTransition> transitions = current.stream()
                            .map(m -> MembershipTransition.of(m.segmentId, names.getOrDefault(m.segmentId, ""), gone, Transition.EXIT))
                            .toList();
                    if (transitions.isEmpty()) {
                        return Uni.createFrom().item(transitions);
                    }
                    Uni<Void> deletes = Uni.createFrom().voidItem();
                    for (Membership membership : current) {
                        deletes = deletes.chain(() -> memberships.delete(membership));
                    }
                    return deletes.chain(memberships::flush).chain(() -> publisher.publish(transitions)).replaceWith(transitions);
                })))
                .invoke(transitions -> transitions.forEach(t -> exited.increment()));
    }

    private Uni<List<MembershipTransition>> apply(List<CompiledSegment> segments, TagSnapshot snapshot) {
        return memberships.listByOneId(snapshot.oneId()).chain(current -> {
            Map<String, Membership> bySegment = new HashMap<>();
            current.forEach(membership -> bySegment.put(membership.segmentId, membership));
            List<MembershipTransition> transitions = new ArrayList<>();
            List<Membership> entering = new ArrayList<>();
            List<Membership> leaving = new ArrayList<>();
            Map<String, Object> values = RuleValues.of(snapshot.tags());
            for (CompiledSegment segment : segments) {
                boolean matches = segment.rule().matches(values);
                Membership existing = bySegment.get(segment.id());
                if (matches && existing == null) {
                    entering.add(newMembership(segment.id(), snapshot));
                    transitions.add(MembershipTransition.of(segment.id(), segment.name(), snapshot, Transition.ENTER));
                } else if (!matches && existing != null) {
                    leaving.add(existing);
                    transitions.add(MembershipTransition.of(segment.id(), segment.name(), snapshot, Transition.EXIT));
                }
            }
            if (transitions.isEmpty()) {
                return Uni.createFrom().item(List.<MembershipTransition>of());
            }
            // One at a time: a reactive session runs one operation at once.
            Uni<Void> writes = Uni.createFrom().voidItem();
            for (Membership membership : entering) {
                writes = writes.chain(() -> memberships.persist(membership)).replaceWithVoid();
            }
            for (Membership membership : leaving) {
                writes = writes.chain(() -> memberships.delete(membership));
            }
            return writes
                    .chain(memberships::flush)
                    .chain(() -> publisher.publish(transitions))
                    .replaceWith(transitions);
        });
    }

    private static Membership newMembership(String segmentId, TagSnapshot snapshot) {
        Membership membership = new Membership();
        membership.segmentId = segmentId;
        membership.oneId = snapshot.oneId();
        membership.ordinal = snapshot.ordinal();
        membership.enteredAt = snapshot.at();
        return membership;
    }
}
