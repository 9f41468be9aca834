package dev.cdp.segment.membership;

import dev.cdp.platform.db.Transactions;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.membership.messaging.MembershipPublisher;
import dev.cdp.segment.membership.repository.MembershipRepository;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.TagSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    public MembershipEvaluator(
            SegmentCatalog catalog,
            MembershipRepository memberships,
            MembershipPublisher publisher,
            Pool pool,
            MeterRegistry metrics) {
        this.catalog = catalog;
        this.pool = pool;
        this.memberships = memberships;
        this.publisher = publisher;
        this.entered = metrics.counter("cdp.segment.transitions", "transition", "enter");
        this.exited = metrics.counter("cdp.segment.transitions", "transition", "exit");
    }

    /** The segments each profile is in, in one statement outside any transaction. */
    public Uni<Map<String, Set<String>>> memberships(Collection<String> oneIds) {
        return pool.preparedQuery("select one_id, segment_id from membership where one_id = any($1)")
                .execute(Tuple.of(oneIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Set<String>> bySegment = new HashMap<>();
                    rows.forEach(row -> bySegment
                            .computeIfAbsent(row.getString(0), id -> new HashSet<>())
                            .add(row.getString(1)));
                    return bySegment;
                });
    }

    /**
     * Brings one profile's memberships in line with its snapshots, taken in order: every
     * transition they make is published, also one a later snapshot undoes. {@code current} comes
     * from {@link #memberships}: most tag changes move no membership and need nothing more; those
     * that do are decided again in the transaction.
     *
     * @return the transitions made, empty when the memberships were already current
     */
    public Uni<List<MembershipTransition>> evaluate(
            List<CompiledSegment> segments, List<TagSnapshot> snapshots, Set<String> current) {
        if (replay(segments, current, snapshots).transitions().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Transactions.withRetryOnConflict(() -> apply(segments, snapshots))
                .invoke(transitions ->
                        transitions.forEach(t -> (t.transition() == Transition.ENTER ? entered : exited).increment()));
    }

    /**
     * What the snapshots do to a profile in the segments {@code initial}, one after the other.
     *
     * @param lastEntry for each segment the profile is in at the end and entered on the way, the
     *     snapshot it entered with
     */
    record Replay(List<MembershipTransition> transitions, Set<String> members, Map<String, TagSnapshot> lastEntry) {}

    static Replay replay(List<CompiledSegment> segments, Set<String> initial, List<TagSnapshot> snapshots) {
        Set<String> members = new HashSet<>(initial);
        Map<String, TagSnapshot> lastEntry = new HashMap<>();
        List<MembershipTransition> transitions = new ArrayList<>();
        Instant now = Instant.now();
        for (TagSnapshot snapshot : snapshots) {
            Map<String, Object> values = RuleValues.of(snapshot.tags());
            // Segments come referenced-first (SegmentCatalog), so IN SEGMENT reads this snapshot's decisions.
            for (CompiledSegment segment : segments) {
                boolean matches = segment.rule().matches(values, segment.context(now, members));
                if (matches && members.add(segment.id())) {
                    lastEntry.put(segment.id(), snapshot);
                    transitions.add(MembershipTransition.of(segment.id(), segment.name(), snapshot, Transition.ENTER));
                } else if (!matches && members.remove(segment.id())) {
                    lastEntry.remove(segment.id());
                    transitions.add(MembershipTransition.of(segment.id(), segment.name(), snapshot, Transition.EXIT));
                }
            }
        }
        return new Replay(transitions, members, lastEntry);
    }

    /**
     * A profile that merged into another leaves every segment it was in; the survivor's own tag
     * change re-evaluates the survivor. A replay finds no membership left and publishes nothing.
     */
    public Uni<List<MembershipTransition>> leaveAll(TagSnapshot gone) {
        return catalog.current()
                .chain(segments -> Transactions.withRetryOnConflict(() -> memberships
                        .listByOneId(gone.oneId())
                        .chain(current -> {
                            Map<String, String> names = new HashMap<>();
                            segments.forEach(segment -> names.put(segment.id(), segment.name()));
                            List<MembershipTransition> transitions = current.stream()
                                    .map(m -> MembershipTransition.of(
                                            m.segmentId, names.getOrDefault(m.segmentId, ""), gone, Transition.EXIT))
                                    .toList();
                            if (transitions.isEmpty()) {
                                return Uni.createFrom().item(transitions);
                            }
                            Uni<Void> deletes = Uni.createFrom().voidItem();
                            for (Membership membership : current) {
                                deletes = deletes.chain(() -> memberships.delete(membership));
                            }
                            return deletes.chain(memberships::flush)
                                    .chain(() -> publisher.publish(transitions))
                                    .replaceWith(transitions);
                        })))
                .invoke(transitions -> transitions.forEach(t -> exited.increment()));
    }

    private Uni<List<MembershipTransition>> apply(List<CompiledSegment> segments, List<TagSnapshot> snapshots) {
        String oneId = snapshots.get(0).oneId();
        return memberships.listByOneId(oneId).chain(current -> {
            Set<String> initial = new HashSet<>();
            current.forEach(membership -> initial.add(membership.segmentId));
            Replay replay = replay(segments, initial, snapshots);
            if (replay.transitions().isEmpty()) {
                return Uni.createFrom().item(List.<MembershipTransition>of());
            }
            // One at a time: a reactive session runs one operation at once.
            Uni<Void> writes = Uni.createFrom().voidItem();
            for (Membership membership : current) {
                TagSnapshot reentered = replay.lastEntry().get(membership.segmentId);
                if (!replay.members().contains(membership.segmentId)) {
                    writes = writes.chain(() -> memberships.delete(membership));
                } else if (reentered != null) {
                    // Left and entered again within the snapshots: a member since the last entry.
                    membership.enteredAt = reentered.at();
                    membership.ordinal = reentered.ordinal();
                }
            }
            for (Map.Entry<String, TagSnapshot> entry : replay.lastEntry().entrySet()) {
                if (!initial.contains(entry.getKey())) {
                    writes = writes.chain(() -> memberships.persist(newMembership(entry.getKey(), entry.getValue())))
                            .replaceWithVoid();
                }
            }
            return writes.chain(memberships::flush)
                    .chain(() -> publisher.publish(replay.transitions()))
                    .replaceWith(replay.transitions());
        });
    }

    static Membership newMembership(String segmentId, TagSnapshot snapshot) {
        Membership membership = new Membership();
        membership.segmentId = segmentId;
        membership.oneId = snapshot.oneId();
        membership.ordinal = snapshot.ordinal();
        membership.enteredAt = snapshot.at();
        return membership;
    }
}
