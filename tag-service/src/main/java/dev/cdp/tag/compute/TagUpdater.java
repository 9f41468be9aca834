package dev.cdp.tag.compute;

import com.google.protobuf.Value;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.TagCatalog;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.store.TagStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Applies resolved events to the tags of their profile. */
@ApplicationScoped
public class TagUpdater {

    /** How long a merged-away profile's events are still sent on; late events come within seconds. */
    static final Duration REDIRECT_TTL = Duration.ofDays(7);
    private static final int MAX_REDIRECTS = 3;

    private final TagStore store;
    private final TagsConfig config;
    private final Clock clock;

    public TagUpdater(TagStore store, TagsConfig config) {
        this.store = store;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** @return the changes, or null when this messageId was applied before */
    public Uni<TagChanges> apply(ResolvedEvent resolved) {
        Event event = resolved.getEvent();
        Instant at = ProtoTime.instant(event.getTimestamp());
        boolean order = event.getType() == EventType.TRACK && config.orderEvents().contains(event.getEvent());
        List<String> args = List.of(
                event.getMessageId(),
                Long.toString(epochDay(at.toEpochMilli())),
                Long.toString(epochDay(clock.millis())),
                order ? "1" : "0",
                Long.toString(order ? revenueCents(event) : 0),
                Long.toString(at.toEpochMilli()),
                Long.toString(clock.millis()),
                Integer.toString(config.dedupeWindow()),
                Integer.toString(config.windowDays()),
                event.getContext().getChannel());
        return apply(resolved.getOneId(), resolved.getOrdinal(), event.getMessageId(), args, MAX_REDIRECTS);
    }

    /** Follows the redirects merged-away profiles leave, so a late event lands on the survivor. */
    private Uni<TagChanges> apply(String oneId, int ordinal, String messageId, List<String> args, int redirectsLeft) {
        return store.apply(oneId, args).chain(update -> {
            if (update == null) {
                return Uni.createFrom().nullItem();
            }
            if (update.movedTo() != null) {
                if (redirectsLeft == 0) {
                    return Uni.createFrom().failure(new IllegalStateException("profile " + oneId + " redirects in a loop"));
                }
                String[] target = update.movedTo().split(":");
                return apply(target[0], Integer.parseInt(target[1]), messageId, args, redirectsLeft - 1);
            }
            return Uni.createFrom().item(changes(oneId, ordinal, messageId, update));
        });
    }

    /**
     * Folds the tag state of profiles that merged into {@code survivor}: counts and windows add
     * up, first and last seen take the earliest and latest. A replay finds nothing left to fold.
     *
     * @return the survivor's changes, one per absorbed profile that still had state
     */
    public Uni<List<TagChanges>> merge(IdentityChanged change) {
        String survivor = change.getOneId() + ":" + change.getOrdinal();
        List<String> args = List.of(Long.toString(epochDay(clock.millis())), Integer.toString(config.windowDays()),
                Integer.toString(config.dedupeWindow()), Long.toString(REDIRECT_TTL.toSeconds()));
        return Multi.createFrom().iterable(change.getAbsorbedList())
                .onItem().transformToUniAndConcatenate(absorbed -> store.merge(change.getOneId(), survivor, absorbed.getOneId(), args))
                .filter(update -> update != null)
                .map(update -> changes(change.getOneId(), change.getOrdinal(), change.getMessageId(), update))
                .collect().asList();
    }

    private static TagChanges changes(String oneId, int ordinal, String cause, TagStore.StoredUpdate update) {
        return new TagChanges(oneId, ordinal, cause, diff(update.before(), update.after()), publicOnly(update.after()));
    }

    /** Segment's e-commerce spec puts an order's value in revenue, or total. */
    static long revenueCents(Event event) {
        Map<String, Value> properties = event.getProperties().getFieldsMap();
        Value amount = properties.containsKey("revenue") ? properties.get("revenue") : properties.get("total");
        if (amount == null) {
            return 0;
        }
        BigDecimal value = switch (amount.getKindCase()) {
            case NUMBER_VALUE -> BigDecimal.valueOf(amount.getNumberValue());
            case STRING_VALUE -> parseOrZero(amount.getStringValue());
            default -> BigDecimal.ZERO;
        };
        return value.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal parseOrZero(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static long epochDay(long millis) {
        return Math.floorDiv(millis, TimeUnit.DAYS.toMillis(1));
    }

    private static List<TagChanges.Change> diff(Map<String, String> before, Map<String, String> after) {
        List<TagChanges.Change> changes = new ArrayList<>();
        new TreeMap<>(after).forEach((tag, value) -> {
            if (TagCatalog.isPublic(tag) && !Objects.equals(before.get(tag), value)) {
                changes.add(new TagChanges.Change(tag, before.get(tag), value));
            }
        });
        return changes;
    }

    private static Map<String, String> publicOnly(Map<String, String> stored) {
        Map<String, String> tags = new TreeMap<>();
        stored.forEach((tag, value) -> {
            if (TagCatalog.isPublic(tag)) {
                tags.put(tag, value);
            }
        });
        return tags;
    }
}
