package dev.cdp.tag;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.Context;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;

/** Test data builders for resolved events, and polling reads of a profile's tags. */
final class TestEvents {

    static final Duration WAIT = Duration.ofSeconds(20);

    private TestEvents() {}

    static void send(String oneId, Event event) {
        send(oneId, event, List.of());
    }

    /** @param identifiers keys of the identifiers the event was resolved from (what identity-service sends) */
    static void send(String oneId, Event event, List<String> identifiers) {
        ResolvedEvent.Builder resolved = ResolvedEvent.newBuilder()
                .setOneId(oneId)
                .setOrdinal(7)
                .setEvent(event)
                .addAllIdentifierKeys(identifiers);
        TestKafka.send(
                "cdp.events.resolved",
                oneId,
                resolved.build().toByteArray(),
                Map.of("cdp-schema", "cdp.v1.ResolvedEvent"));
    }

    /** {@code absorbed} merged into {@code survivor} (ordinals 1 and 2), as identity-service announces it. */
    static IdentityChanged merged(String survivor, String absorbed) {
        return IdentityChanged.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setChange(IdentityChange.MERGED)
                .setOneId(survivor)
                .setOrdinal(1)
                .addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed).setOrdinal(2))
                .build();
    }

    static Event track(String name, Instant at, String channel, Map<String, Object> properties) {
        Struct.Builder props = Struct.newBuilder();
        properties.forEach((key, value) -> props.putFields(
                key,
                value instanceof Number n
                        ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
                        : Value.newBuilder().setStringValue(value.toString()).build()));
        return Event.newBuilder()
                .setType(EventType.TRACK)
                .setMessageId(UUID.randomUUID().toString())
                .setEvent(name)
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setContext(Context.newBuilder().setChannel(channel))
                .setProperties(props)
                .build();
    }

    static ProfileTags awaitTags(TagService tags, String oneId, Predicate<ProfileTags> ready) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ProfileTags read;
        do {
            read = tags.getTags(GetTagsRequest.newBuilder().setOneId(oneId).build())
                    .await()
                    .atMost(WAIT);
            if (ready.test(read)) {
                return read;
            }
            pause();
        } while (System.nanoTime() < deadline);
        return Assertions.fail(
                "tags of " + oneId + " never reached the expected state; last read " + read.getTagsMap());
    }

    static double number(ProfileTags tags, String tag) {
        return tags.getTagsOrDefault(tag, TagValue.getDefaultInstance()).getNumber();
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
