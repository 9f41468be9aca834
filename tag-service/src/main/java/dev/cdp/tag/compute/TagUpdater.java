package dev.cdp.tag.compute;

import com.google.protobuf.Value;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.tag.TagCatalog;
import dev.cdp.tag.TagsConfig;
import dev.cdp.tag.store.TagStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
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
        return store.apply(resolved.getOneId(), args).map(update -> update == null
                ? null
                : new TagChanges(resolved.getOneId(), resolved.getOrdinal(), event.getMessageId(),
                        diff(update.before(), update.after()), publicOnly(update.after())));
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
