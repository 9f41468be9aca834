package dev.cdp.segment.membership;

import dev.cdp.platform.db.Background;
import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.definition.SegmentCatalog;
import dev.cdp.segment.definition.SegmentDefined;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.engine.EngineLoaded;
import dev.cdp.segment.engine.SegmentEngine;
import dev.cdp.segment.membership.messaging.MembershipPublisher;
import dev.cdp.segment.membership.repository.MembershipRepository;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Decides a segment over every stored profile at once: when it is defined, so a campaign on an
 * existing audience reaches the people already in it, and again on a schedule for segments whose
 * rules read the clock, so people leave "ordered within 30 days" as the days pass. The profiles
 * the rule matches and are not members enter, members it no longer matches exit, published as any
 * other transition. Which profiles those are comes from the {@link SegmentEngine}'s bitmaps (the
 * rule over every profile, less the stored members, and the other way round); only they are
 * decided again page by page (each page one transaction that locks its profiles' rows, so a tag
 * change arriving meanwhile is decided after it, on its newer tags); progress is kept on the
 * segment. A run changes only what is not yet decided, so one cut short by a restart simply
 * runs again from the start.
 */
@ApplicationScoped
public class SegmentBackfill {

    private static final Logger LOG = Logger.getLogger(SegmentBackfill.class);
    static final int PAGE = 500;

    private final ProfileTable profiles;
    private final MembershipRepository memberships;
    private final MembershipPublisher publisher;
    private final SegmentDefinitionService definitions;
    private final SegmentEngine engine;

    private final Vertx vertx;
    private final SegmentCatalog catalog;
    private final Duration recheckInterval;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();

    public SegmentBackfill(
            ProfileTable profiles,
            MembershipRepository memberships,
            MembershipPublisher publisher,
            SegmentDefinitionService definitions,
            SegmentCatalog catalog,
            SegmentConfig config,
            SegmentEngine engine,
            Vertx vertx) {
        this.engine = engine;
        this.vertx = vertx;
        this.catalog = catalog;
        this.recheckInterval = config.timeRecheckInterval();
        this.profiles = profiles;
        this.memberships = memberships;
        this.publisher = publisher;
        this.definitions = definitions;
    }

    void onDefined(@Observes SegmentDefined defined) {
        start(defined.segment());
    }

    /**
     * Backfills a restart cut short run again from the start (what they decided stays decided),
     * and from then on, every {@code cdp.segment.time-recheck-interval}, segments whose rules read
     * the clock are decided again: people leave "ordered within 30 days" as the days pass.
     */
    void onStart(@Observes EngineLoaded loaded) {
        onItsOwnContext(() -> definitions
                .unfinishedBackfills()
                .invoke(unfinished -> unfinished.forEach(this::start))
                .chain(catalog::current)
                .invoke(segments -> segments.stream()
                        .filter(segment -> again.contains(segment.id()))
                        .forEach(this::start))
                .replaceWithVoid());
        vertx.setPeriodic(
                recheckInterval.toMillis(),
                timer -> onItsOwnContext(() -> catalog.current()
                        .invoke(segments -> segments.stream()
                                .filter(segment -> segment.rule().isTimeRelative())
                                .forEach(this::start))
                        .replaceWithVoid()));
    }

    /**
     * Runs in the background, on a context of its own: the request that defined the segment is
     * answered meanwhile. A segment being decided is not started again until that run ends.
     */
    private void start(CompiledSegment segment) {
        // Before the profile index is built a run would decide over part of the profiles: the
        // segment waits in again (or as an unfinished backfill) for the index (onStart).
        if (!engine.isLoaded()) {
            again.add(segment.id());
            return;
        }
        if (running.add(segment.id())) {
            // This run decides every profile stored by now: what was asked before it is covered.
            again.remove(segment.id());
            onItsOwnContext(() -> run(segment).eventually(() -> {
                running.remove(segment.id());
                if (again.remove(segment.id())) {
                    start(segment);
                }
            }));
        }
    }

    /**
     * Decides the segment over every stored profile in the background, once the run going on (if
     * any) ends: profiles were stored that it may not have seen (profile_tags filled from tag-service).
     */
    public void decideAgain(CompiledSegment segment) {
        again.add(segment.id());
        start(segment);
    }

    private void onItsOwnContext(Supplier<Uni<Void>> work) {
        Background.run(vertx, work, done -> {}, failure -> LOG.error("a segment backfill failed", failure));
    }

    public Uni<Void> run(CompiledSegment segment) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // One cause per run: the transitions of a page repeated after a failed commit keep their ids.
        String cause = "backfill:" + segment.id() + ":" + at.toEpochMilli();
        Set<String> read = new HashSet<>(segment.references().values());
        read.add(segment.id());
        return profiles.count()
                .call(total -> definitions.backfillStarted(segment.id(), total))
                .chain(total -> Panache.withSession(() -> memberships.oneIdsBySegment(read))
                        .map(members -> engine.difference(
                                segment.rule().condition(),
                                at,
                                reference -> members.get(segment.references().get(reference)),
                                members.getOrDefault(segment.id(), List.of())))
                        .chain(difference -> page(segment, difference.changed(), 0, total, cause, at)))
                .onFailure()
                .call(failure -> {
                    LOG.errorf(
                            failure,
                            "the backfill of segment %s failed; it runs again when the service restarts",
                            segment.id());
                    return definitions.backfillFailed(segment.id());
                });
    }

    /**
     * Decides the profiles from {@code from} on of those the bitmaps say move ({@code changed}, in
     * OneID order), a page per transaction, again on their locked rows: a profile whose tags
     * changed since the bitmaps were read is decided on its newer tags. Every other profile was
     * decided by the bitmaps and makes no transition, so the progress counts it done.
     */
    private Uni<Void> page(
            CompiledSegment segment, List<String> changed, int from, long total, String cause, Instant at) {
        int to = Math.min(changed.size(), from + PAGE);
        boolean last = to == changed.size();
        long done = Math.max(0, total - (changed.size() - to));
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> from == to
                                ? Uni.createFrom().item(List.<TagSnapshot>of())
                                : profiles.lock(session, changed.subList(from, to), cause, at))
                        .call(page -> decide(segment, page, at).chain(publisher::publish))
                        .call(page -> definitions.backfillProgressed(segment.id(), done, last)))
                .chain(page -> last ? Uni.createFrom().voidItem() : page(segment, changed, to, total, cause, at));
    }

    /** The transitions of one page, their membership rows written in the page's transaction. */
    private Uni<List<MembershipTransition>> decide(CompiledSegment segment, List<TagSnapshot> page, Instant at) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> segmentIds = new HashSet<>(segment.references().values());
        segmentIds.add(segment.id());
        return memberships
                .listByOneIdsIn(page.stream().map(TagSnapshot::oneId).toList(), segmentIds)
                .chain(rows -> {
                    Map<String, Set<String>> current = new HashMap<>();
                    Map<String, Membership> own = new HashMap<>();
                    for (Membership row : rows) {
                        current.computeIfAbsent(row.oneId, id -> new HashSet<>())
                                .add(row.segmentId);
                        if (row.segmentId.equals(segment.id())) {
                            own.put(row.oneId, row);
                        }
                    }
                    List<MembershipTransition> transitions = new ArrayList<>();
                    List<Membership> entering = new ArrayList<>();
                    List<Membership> exiting = new ArrayList<>();
                    for (TagSnapshot profile : page) {
                        Set<String> in = current.getOrDefault(profile.oneId(), Set.of());
                        boolean matches =
                                segment.rule().matches(RuleValues.of(profile.tags()), segment.context(at, in));
                        Membership member = own.get(profile.oneId());
                        if (matches && member == null) {
                            transitions.add(
                                    MembershipTransition.of(segment.id(), segment.name(), profile, Transition.ENTER));
                            entering.add(MembershipEvaluator.newMembership(segment.id(), profile));
                        } else if (!matches && member != null) {
                            transitions.add(
                                    MembershipTransition.of(segment.id(), segment.name(), profile, Transition.EXIT));
                            exiting.add(member);
                        }
                    }
                    // In one call each: a chain of a Uni per row nests as deep as the page is long,
                    // and a page of hundreds overflowed the stack, leaving the transaction open with
                    // its rows locked.
                    return Panache.getSession()
                            .chain(session -> session.persistAll(entering.toArray())
                                    .chain(() -> session.removeAll(exiting.toArray()))
                                    .chain(session::flush))
                            .replaceWith(transitions);
                });
    }
}
