package dev.cdp.tag.compute;

import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.backfill.EventLog;
import dev.cdp.tag.store.TagStore;
import dev.cdp.tag.store.TagStore.Outcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * @param seq where the event-log put the event
     * @return the changes (possibly none), or null when this messageId was applied before
     */
    public Uni<TagChanges> apply(ResolvedEvent resolved, long seq) {
        EventFacts event = EventFacts.of(resolved.getEvent());
        return apply(resolved.getOneId(), resolved.getOrdinal(), event, seq, MAX_REDIRECTS, MAX_ATTEMPTS);
    }

    private Uni<TagChanges> apply(String oneId, int ordinal, EventFacts event, long seq, int redirectsLeft, int attemptsLeft) {
        Instant now = clock.instant();
        return store.read(oneId).chain(read -> {
            if (read.movedTo() != null) {
                return follow(read.movedTo(), event, seq, redirectsLeft, oneId);
            }
            ProfileState state = read.applying(ordinal, seq);
            Map<String, Object> before = new HashMap<>(state.values());
            TagEngine engine = engines.current();
            engine.apply(state, event, now);
            Map<String, Object> after = engine.values(state, now);
            return store.commit(oneId, state, after, event.messageId(), now, config.dedupeWindow(), engine.nextChange(state))
                    .chain(outcome -> switch (outcome.kind()) {
                        case WRITTEN -> Uni.createFrom().item(TagChanges.between(oneId, state.ordinal(), event.messageId(), now, before, after));
                        case DUPLICATE -> Uni.createFrom().nullItem();
                        case MOVED -> follow(outcome.movedTo(), event, seq, redirectsLeft, oneId);
                        case CONFLICT -> retry(attemptsLeft, oneId, () -> apply(oneId, ordinal, event, seq, redirectsLeft, attemptsLeft - 1));
                    });
        });
    }

    /** Follows the redirect a merged-away profile leaves, so a late event lands on the survivor. */
    private Uni<TagChanges> follow(String target, EventFacts event, long seq, int redirectsLeft, String from) {
        if (redirectsLeft == 0) {
            return Uni.createFrom().failure(new IllegalStateException("profile " + from + " redirects in a loop"));
        }
        int colon = target.lastIndexOf(':');
        return apply(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)), event, seq, redirectsLeft - 1, MAX_ATTEMPTS);
    }

    /**
     * Folds the tag state of profiles that merged into the survivor: buckets add up day by day,
     * first and last take the earliest and latest, the survivor's custom values win. A replay
     * finds nothing left to fold.
     *
     * @return the survivor's changes, one per absorbed profile that still had state
     */
    public Uni<List<TagChanges>> merge(IdentityChanged change) {
        return Multi.createFrom().iterable(change.getAbsorbedList())
                .onItem().transformToUniAndConcatenate(absorbed -> merge(change, absorbed, MAX_ATTEMPTS))
                .filter(changes -> changes != null)
                .collect().asList();
    }

    private Uni<TagChanges> merge(IdentityChanged change, AbsorbedProfile absorbed, int attemptsLeft) {
        Instant now = clock.instant();
        String survivorTarget = TagStore.member(change.getOneId(), change.getOrdinal());
        return Uni.combine().all().unis(store.read(change.getOneId()), store.read(absorbed.getOneId())).asTuple().chain(both -> {
            ProfileState absorbedState = both.getItem2();
            if (!absorbedState.exists()) {
                return store.redirect(absorbed.getOneId(), survivorTarget, REDIRECT_TTL).replaceWith((TagChanges) null);
            }
            ProfileState survivor = both.getItem1().applying(change.getOrdinal(), absorbedState.lastSeq());
            Map<String, Object> before = new HashMap<>(survivor.values());
            TagEngine engine = engines.current();
            TagEngine.merge(survivor, absorbedState);
            Map<String, Object> after = engine.values(survivor, now);
            return store.merge(change.getOneId(), survivor, after, absorbed.getOneId(), absorbedState, REDIRECT_TTL,
                            config.dedupeWindow(), engine.nextChange(survivor))
                    .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                            ? Uni.createFrom().item(TagChanges.between(change.getOneId(), change.getOrdinal(), change.getMessageId(), now,
                                    before, after))
                            : retry(attemptsLeft, change.getOneId(), () -> merge(change, absorbed, attemptsLeft - 1)));
        });
    }

    /**
     * Recomputes a profile's values at {@code now} with no new event: windows that moved on lose
     * their old days, derived tags follow. Used by the expiry pass and after catalogue changes.
     *
     * @return the changes, or null when the profile has no state (any more)
     */
    public Uni<TagChanges> recompute(String oneId, Instant now, String cause) {
        return change(oneId, cause, now, values -> {
        }, true, MAX_ATTEMPTS);
    }

    /**
     * Sets (or, with a null value, clears) custom and model tag values; derived tags follow.
     *
     * @param values already checked against the catalogue
     */
    public Uni<TagChanges> set(String oneId, Map<String, Object> values, String cause) {
        return change(oneId, cause, clock.instant(), current -> values.forEach((tag, value) -> {
            if (value == null) {
                current.remove(tag);
            } else {
                current.put(tag, value);
            }
        }), false, MAX_ATTEMPTS);
    }

    /**
     * Replaces one rule tag's buckets with those computed from the profile's logged events up to
     * the last one its state has applied; later events reach the tag in real time.
     *
     * @param eventsUpTo the profile's logged events up to a sequence number, in order
     * @return the changes, or null for a profile that has no state here (merged away, or never seen)
     */
    public Uni<TagChanges> backfill(String oneId, RuleTag rule, Function<Long, Uni<List<Event>>> eventsUpTo, String cause) {
        return backfill(oneId, rule, eventsUpTo, cause, MAX_ATTEMPTS);
    }

    private Uni<TagChanges> backfill(String oneId, RuleTag rule, Function<Long, Uni<List<Event>>> eventsUpTo, String cause, int attemptsLeft) {
        Instant now = clock.instant();
        long today = RuleTag.epochDay(now.toEpochMilli());
        return store.read(oneId).chain(state -> {
            if (state.movedTo() != null || !state.exists()) {
                return Uni.createFrom().nullItem();
            }
            return eventsUpTo.apply(state.lastSeq()).chain(events -> {
                RuleState buckets = new RuleState();
                for (Event logged : events) {
                    EventFacts event = EventFacts.of(logged);
                    if (rule.accepts(event)) {
                        rule.apply(buckets, event, today);
                    }
                }
                Map<String, Object> before = new HashMap<>(state.values());
                state.rules().put(rule.code(), buckets);
                TagEngine engine = engines.current();
                Map<String, Object> after = engine.values(state, now);
                return store.commit(oneId, state, after, null, now, config.dedupeWindow(), engine.nextChange(state))
                        .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                                ? Uni.createFrom().item(TagChanges.between(oneId, state.ordinal(), cause, now, before, after))
                                : retry(attemptsLeft, oneId, () -> backfill(oneId, rule, eventsUpTo, cause, attemptsLeft - 1)));
            });
        });
    }

    /**
     * Recomputes a profile from scratch out of its logged events, as after a split gave it
     * another set of events. A part that was merged away before stops redirecting.
     *
     * @param keepOwnValues whether its custom and model values stay (the part that keeps the OneID)
     */
    public Uni<TagChanges> rebuild(String oneId, int ordinal, List<EventLog.Logged> events, boolean keepOwnValues, String cause) {
        return store.clearRedirect(oneId).chain(() -> rebuild(oneId, ordinal, events, keepOwnValues, cause, MAX_ATTEMPTS));
    }

    private Uni<TagChanges> rebuild(String oneId, int ordinal, List<EventLog.Logged> events, boolean keepOwnValues, String cause,
            int attemptsLeft) {
        Instant now = clock.instant();
        return store.read(oneId).chain(state -> {
            long lastSeq = events.stream().mapToLong(EventLog.Logged::seq).max().orElse(0);
            ProfileState fresh = new ProfileState(state.version(), ordinal, Math.max(lastSeq, keepOwnValues ? state.lastSeq() : 0),
                    new HashMap<>(), keepOwnValues ? state.values() : new HashMap<>(), null);
            TagEngine engine = engines.current();
            events.forEach(logged -> engine.apply(fresh, EventFacts.of(logged.event()), now));
            Map<String, Object> after = engine.values(fresh, now);
            return store.commit(oneId, fresh, after, null, now, config.dedupeWindow(), engine.nextChange(fresh))
                    .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                            ? Uni.createFrom().item(TagChanges.between(oneId, ordinal, cause, now, state.values(), after))
                            : retry(attemptsLeft, oneId, () -> rebuild(oneId, ordinal, events, keepOwnValues, cause, attemptsLeft - 1)));
        });
    }

    private interface Edit {
        void apply(Map<String, Object> values);
    }

    private Uni<TagChanges> change(String oneId, String cause, Instant now, Edit edit, boolean mustExist, int attemptsLeft) {
        return store.read(oneId).chain(state -> {
            if (state.movedTo() != null) {
                int colon = state.movedTo().lastIndexOf(':');
                return change(state.movedTo().substring(0, colon), cause, now, edit, mustExist, attemptsLeft);
            }
            if (mustExist && !state.exists()) {
                return store.unschedule(oneId).replaceWith((TagChanges) null);
            }
            Map<String, Object> before = new HashMap<>(state.values());
            edit.apply(state.values());
            TagEngine engine = engines.current();
            Map<String, Object> after = engine.values(state, now);
            return store.commit(oneId, state, after, null, now, config.dedupeWindow(), engine.nextChange(state))
                    .chain(outcome -> outcome.kind() == Outcome.Kind.WRITTEN
                            ? Uni.createFrom().item(TagChanges.between(oneId, state.ordinal(), cause, now, before, after))
                            : retry(attemptsLeft, oneId, () -> change(oneId, cause, now, edit, mustExist, attemptsLeft - 1)));
        });
    }

    private static <T> Uni<T> retry(int attemptsLeft, String oneId, java.util.function.Supplier<Uni<? extends T>> again) {
        if (attemptsLeft <= 1) {
            return Uni.createFrom().failure(new IllegalStateException("profile " + oneId + " kept changing under " + MAX_ATTEMPTS + " attempts"));
        }
        return Uni.createFrom().deferred(again);
    }
}
