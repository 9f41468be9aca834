package dev.cdp.tag.compute;

import dev.cdp.platform.db.ConcurrentChangeException;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.eventlog.EventLog;
import dev.cdp.tag.store.ProfileRef;
import dev.cdp.tag.store.ProfileState;
import dev.cdp.tag.store.TagStore;
import dev.cdp.tag.store.TagStore.Outcome;
import dev.cdp.tag.value.Value;
import dev.cdp.tag.window.EventFacts;
import dev.cdp.tag.window.WindowState;
import dev.cdp.tag.window.WindowedRule;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every change to a profile's tags: events, merges, the expiry pass and values set through the
 * API. Each reads the profile's state, computes with the current engine and writes only if no
 * one else wrote in between; otherwise it computes again from what is there.
 */
@ApplicationScoped
public class TagUpdater {

    /** How long a merged-away profile's events are still sent on; late events come within seconds. */
    static final Duration REDIRECT_TTL = Duration.ofDays(7);

    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ATTEMPTS = 16;

    private final TagStore store;
    private final Engines engines;
    private final TagsConfig config;
    private final Clock clock;

    public TagUpdater(TagStore store, Engines engines, TagsConfig config) {
        this.store = store;
        this.engines = engines;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** An event of the profile with where the event log put it. */
    public record Logged(ResolvedEvent resolved, long seq) {}

    /**
     * What applying a profile's events did.
     *
     * @param changes the tags they changed (possibly none); null when all of them were applied before
     * @param applied how many were new
     * @param duplicates how many had been applied before
     */
    public record Applied(TagChanges changes, int applied, int duplicates) {}

    /**
     * Applies one profile's events, in their order, with one read and one write: a poll brings
     * several events of a person at once. Events applied before (by messageId) are left out.
     *
     * @param events of one OneID, in order
     */
    public Uni<Applied> apply(String oneId, List<Logged> events) {
        List<Fact> facts = events.stream()
                .map(logged -> new Fact(
                        EventFacts.of(logged.resolved().getEvent()),
                        logged.resolved().getOrdinal(),
                        logged.seq()))
                .toList();
        return apply(oneId, facts, MAX_REDIRECTS, MAX_ATTEMPTS);
    }

    private record Fact(EventFacts event, int ordinal, long seq) {}

    private Uni<Applied> apply(String oneId, List<Fact> facts, int redirectsLeft, int attemptsLeft) {
        List<String> messageIds =
                facts.stream().map(fact -> fact.event().messageId()).toList();
        return store.read(oneId, messageIds).chain(read -> {
            // Taken once the state is read: a change committed on top of another is stamped after
            // it, so the history keeps the order the changes were applied in.
            Instant now = clock.instant();
            ProfileState current = read.state();
            if (current.movedTo() != null) {
                return follow(current.movedTo(), facts, redirectsLeft, oneId);
            }
            // New events only, each once (a poll can hold a redelivered copy of its own event).
            Set<String> taken = new HashSet<>(read.applied());
            List<Fact> fresh = facts.stream()
                    .filter(fact -> taken.add(fact.event().messageId()))
                    .toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(new Applied(null, 0, facts.size()));
            }
            Fact last = fresh.get(fresh.size() - 1);
            ProfileState state = current.applying(
                    last.ordinal(), fresh.stream().mapToLong(Fact::seq).max().orElse(0));
            Map<String, Value> before = new HashMap<>(state.values());
            TagEngine engine = engines.current();
            fresh.forEach(fact -> engine.apply(state, fact.event(), now));
            Map<String, Value> after = engine.values(state, now);
            List<String> freshIds =
                    fresh.stream().map(fact -> fact.event().messageId()).toList();
            return store.commit(oneId, state, after, freshIds, now, config.dedupeWindow(), engine.nextChange(state))
                    .chain(outcome -> switch (outcome.kind()) {
                        case WRITTEN ->
                            Uni.createFrom()
                                    .item(new Applied(
                                            TagChanges.between(
                                                    oneId,
                                                    state.ordinal(),
                                                    last.event().messageId(),
                                                    now,
                                                    before,
                                                    after),
                                            fresh.size(),
                                            facts.size() - fresh.size()));
                        case MOVED -> follow(outcome.movedTo(), facts, redirectsLeft, oneId);
                        case CONFLICT ->
                            retry(attemptsLeft, oneId, () -> apply(oneId, facts, redirectsLeft, attemptsLeft - 1));
                    });
        });
    }

    /** Follows the redirect a merged-away profile leaves, so late events land on the survivor. */
    private Uni<Applied> follow(ProfileRef target, List<Fact> facts, int redirectsLeft, String from) {
        if (redirectsLeft == 0) {
            return Uni.createFrom().failure(new IllegalStateException("profile " + from + " redirects in a loop"));
        }
        List<Fact> redirected = facts.stream()
                .map(fact -> new Fact(fact.event(), target.ordinal(), fact.seq()))
                .toList();
        return apply(target.oneId(), redirected, redirectsLeft - 1, MAX_ATTEMPTS);
    }

    /**
     * Folds the tag state of profiles that merged into the survivor: buckets add up day by day,
     * first and last take the earliest and latest, the survivor's custom values win. A replay
     * finds nothing left to fold.
     *
     * @return the survivor's changes, one per absorbed profile that still had state
     */
    public Uni<List<TagChanges>> merge(IdentityChanged change) {
        return Multi.createFrom()
                .iterable(change.getAbsorbedList())
                .onItem()
                .transformToUniAndConcatenate(absorbed -> merge(change, absorbed, MAX_ATTEMPTS))
                .filter(changes -> changes != null)
                .collect()
                .asList();
    }

    private Uni<TagChanges> merge(IdentityChanged change, AbsorbedProfile absorbed, int attemptsLeft) {
        ProfileRef survivorTarget = new ProfileRef(change.getOneId(), change.getOrdinal());
        return Uni.combine()
                .all()
                .unis(store.read(change.getOneId()), store.read(absorbed.getOneId()))
                .asTuple()
                .chain(both -> {
                    Instant now = clock.instant();
                    ProfileState absorbedState = both.getItem2();
                    if (!absorbedState.exists()) {
                        return store.redirect(absorbed.getOneId(), survivorTarget, REDIRECT_TTL)
                                .replaceWith((TagChanges) null);
                    }
                    ProfileState survivor = both.getItem1().applying(change.getOrdinal(), absorbedState.lastSeq());
                    Map<String, Value> before = new HashMap<>(survivor.values());
                    TagEngine engine = engines.current();
                    TagEngine.merge(survivor, absorbedState);
                    Map<String, Value> after = engine.values(survivor, now);
                    return store.merge(
                                    change.getOneId(),
                                    survivor,
                                    after,
                                    absorbed.getOneId(),
                                    absorbedState,
                                    REDIRECT_TTL,
                                    config.dedupeWindow(),
                                    engine.nextChange(survivor))
                            .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                                    ? Uni.createFrom()
                                            .item(TagChanges.between(
                                                    change.getOneId(),
                                                    change.getOrdinal(),
                                                    change.getMessageId(),
                                                    now,
                                                    before,
                                                    after))
                                    : retry(
                                            attemptsLeft,
                                            change.getOneId(),
                                            () -> merge(change, absorbed, attemptsLeft - 1)));
                });
    }

    /**
     * Recomputes a profile's values at {@code now} with no new event: windows that moved on lose
     * their old days, derived tags follow. Used by the expiry pass and after catalogue changes.
     *
     * @return the changes, or null when the profile has no state (any more)
     */
    public Uni<TagChanges> recompute(String oneId, Instant now, String cause) {
        return change(oneId, cause, now, values -> {}, true, MAX_ATTEMPTS);
    }

    /**
     * Sets (or, with a null value, clears) custom and model tag values; derived tags follow.
     *
     * @param values already checked against the catalogue
     */
    public Uni<TagChanges> set(String oneId, Map<String, Value> values, String cause) {
        return change(
                oneId,
                cause,
                clock.instant(),
                current -> values.forEach((tag, value) -> {
                    if (value == null) {
                        current.remove(tag);
                    } else {
                        current.put(tag, value);
                    }
                }),
                false,
                MAX_ATTEMPTS);
    }

    /**
     * Replaces one rule tag's buckets with those computed from the profile's logged events up to
     * the last one its state has applied; later events reach the tag in real time.
     *
     * @param eventsUpTo the profile's logged events up to a sequence number, in order
     * @return the changes, or null for a profile that has no state here (merged away, or never seen)
     */
    public Uni<TagChanges> backfill(
            String oneId, WindowedRule rule, Function<Long, Uni<List<Event>>> eventsUpTo, String cause) {
        return backfill(oneId, rule, eventsUpTo, cause, MAX_ATTEMPTS);
    }

    private Uni<TagChanges> backfill(
            String oneId,
            WindowedRule rule,
            Function<Long, Uni<List<Event>>> eventsUpTo,
            String cause,
            int attemptsLeft) {
        return store.read(oneId).chain(state -> {
            Instant now = clock.instant();
            long today = WindowedRule.epochDay(now.toEpochMilli());
            if (state.movedTo() != null || !state.exists()) {
                return Uni.createFrom().nullItem();
            }
            return eventsUpTo.apply(state.lastSeq()).chain(events -> {
                WindowState buckets = new WindowState();
                for (Event logged : events) {
                    EventFacts event = EventFacts.of(logged);
                    if (rule.accepts(event)) {
                        rule.apply(buckets, event, today);
                    }
                }
                Map<String, Value> before = new HashMap<>(state.values());
                state.rules().put(rule.code(), buckets);
                TagEngine engine = engines.current();
                Map<String, Value> after = engine.values(state, now);
                return store.commit(
                                oneId, state, after, List.of(), now, config.dedupeWindow(), engine.nextChange(state))
                        .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                                ? Uni.createFrom()
                                        .item(TagChanges.between(oneId, state.ordinal(), cause, now, before, after))
                                : retry(
                                        attemptsLeft,
                                        oneId,
                                        () -> backfill(oneId, rule, eventsUpTo, cause, attemptsLeft - 1)));
            });
        });
    }

    /**
     * Recomputes a profile from scratch out of its logged events, as after a split gave it
     * another set of events. A part that was merged away before stops redirecting.
     *
     * @param keepOwnValues whether its custom and model values stay (the part that keeps the OneID)
     */
    public Uni<TagChanges> rebuild(
            String oneId, int ordinal, List<EventLog.Logged> events, boolean keepOwnValues, String cause) {
        return store.clearRedirect(oneId)
                .chain(() -> rebuild(oneId, ordinal, events, keepOwnValues, cause, MAX_ATTEMPTS));
    }

    private Uni<TagChanges> rebuild(
            String oneId,
            int ordinal,
            List<EventLog.Logged> events,
            boolean keepOwnValues,
            String cause,
            int attemptsLeft) {
        return store.read(oneId).chain(state -> {
            Instant now = clock.instant();
            long lastSeq = events.stream().mapToLong(EventLog.Logged::seq).max().orElse(0);
            ProfileState fresh = new ProfileState(
                    state.version(),
                    ordinal,
                    Math.max(lastSeq, keepOwnValues ? state.lastSeq() : 0),
                    new HashMap<>(),
                    keepOwnValues ? state.values() : new HashMap<>(),
                    null);
            TagEngine engine = engines.current();
            events.forEach(logged -> engine.apply(fresh, EventFacts.of(logged.event()), now));
            Map<String, Value> after = engine.values(fresh, now);
            return store.commit(oneId, fresh, after, List.of(), now, config.dedupeWindow(), engine.nextChange(fresh))
                    .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                            ? Uni.createFrom()
                                    .item(TagChanges.between(oneId, ordinal, cause, now, state.values(), after))
                            : retry(
                                    attemptsLeft,
                                    oneId,
                                    () -> rebuild(oneId, ordinal, events, keepOwnValues, cause, attemptsLeft - 1)));
        });
    }

    private interface Edit {
        void apply(Map<String, Value> values);
    }

    private Uni<TagChanges> change(
            String oneId, String cause, Instant now, Edit edit, boolean mustExist, int attemptsLeft) {
        return store.read(oneId).chain(state -> {
            if (state.movedTo() != null) {
                return change(state.movedTo().oneId(), cause, now, edit, mustExist, attemptsLeft);
            }
            if (mustExist && !state.exists()) {
                return store.unschedule(oneId).replaceWith((TagChanges) null);
            }
            Map<String, Value> before = new HashMap<>(state.values());
            edit.apply(state.values());
            TagEngine engine = engines.current();
            Map<String, Value> after = engine.values(state, now);
            return store.commit(oneId, state, after, List.of(), now, config.dedupeWindow(), engine.nextChange(state))
                    .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                            ? Uni.createFrom()
                                    .item(TagChanges.between(oneId, state.ordinal(), cause, now, before, after))
                            : retry(
                                    attemptsLeft,
                                    oneId,
                                    () -> change(oneId, cause, now, edit, mustExist, attemptsLeft - 1)));
        });
    }

    private static <T> Uni<T> retry(
            int attemptsLeft, String oneId, java.util.function.Supplier<Uni<? extends T>> again) {
        if (attemptsLeft <= 1) {
            return Uni.createFrom()
                    .failure(new ConcurrentChangeException(
                            "profile " + oneId + " kept changing under " + MAX_ATTEMPTS + " attempts"));
        }
        return Uni.createFrom().deferred(again);
    }
}
