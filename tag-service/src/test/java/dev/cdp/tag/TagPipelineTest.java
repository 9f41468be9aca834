package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.BatchGetTagsRequest;
import dev.cdp.proto.v1.BatchGetTagsResponse;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.SplitPart;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagHistoryResponse;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolved events in on Kafka, tags readable over gRPC and changes out on Kafka, against real servers. */
@QuarkusTest
class TagPipelineTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration WAIT = TestEvents.WAIT;

    @GrpcClient("tags")
    TagService tags;

    @Test
    void eventsBecomeTagsReadableOverGrpcAndEachChangeIsPublished() throws Exception {
        String oneId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try (TestKafka.Watch changed = TestKafka.watch("cdp.tags.changed")) {
            send(oneId, track("Product Viewed", now.minus(2, ChronoUnit.HOURS), "web", Map.of()));
            send(oneId, track("Order Completed", now.minus(1, ChronoUnit.HOURS), "app", Map.of("revenue", 19.99)));
            send(oneId, track("Order Completed", now, "mini_program", Map.of("total", "5.01")));

            ProfileTags read = awaitTags(oneId, t -> number(t, "order_count_30d") == 2);
            assertEquals(3, number(read, "event_count_30d"));
            assertEquals(2, number(read, "order_count_total"));
            assertEquals(25.00, number(read, "total_spend"), 1e-9);
            assertEquals("mini_program", read.getTagsOrThrow("last_channel").getText());
            assertEquals(
                    now.getEpochSecond(),
                    read.getTagsOrThrow("last_seen_at").getTime().getSeconds());
            assertEquals(
                    now.minus(2, ChronoUnit.HOURS).getEpochSecond(),
                    read.getTagsOrThrow("first_seen_at").getTime().getSeconds());

            // Events that arrive in one poll are published as one change: the messages chain, each
            // total_spend change starting where the one before it ended, from none to 25.00.
            ConsumerRecord<String, byte[]> last = changed.await(
                    r -> oneId.equals(r.key())
                            && parse(r).getTagsOrDefault("order_count_30d", TagValue.getDefaultInstance())
                                            .getNumber()
                                    == 2,
                    WAIT);
            Double spend = null;
            for (ConsumerRecord<String, byte[]> record :
                    changed.collectFor(r -> oneId.equals(r.key()), Duration.ZERO)) {
                for (TagChange change : parse(record).getChangesList()) {
                    if (change.getTag().equals("total_spend")) {
                        assertEquals(
                                spend == null, !change.hasOldValue(), "the change starts where the last one ended");
                        if (spend != null) {
                            assertEquals(spend, change.getOldValue().getNumber(), 1e-9);
                        }
                        spend = change.getNewValue().getNumber();
                    }
                }
            }
            assertNotNull(spend);
            assertEquals(25.00, spend, 1e-9);
            assertEquals(25.00, parse(last).getTagsOrThrow("total_spend").getNumber(), 1e-9);
            assertEquals("cdp.v1.TagsChanged", TestKafka.header(last, "cdp-schema"));
        }
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        String oneId = UUID.randomUUID().toString();
        Event order = track("Order Completed", Instant.now(), "pos", Map.of("revenue", 100));
        send(oneId, order);
        send(oneId, order);
        send(oneId, track("Product Viewed", Instant.now(), "web", Map.of()));

        ProfileTags read = awaitTags(oneId, t -> number(t, "event_count_30d") >= 2);
        assertEquals(2, number(read, "event_count_30d"));
        assertEquals(1, number(read, "order_count_total"));
        assertEquals(100, number(read, "total_spend"), 1e-9);
    }

    @Test
    void lateEventsLandInTheirDayAndOnlyTheLastThirtyDaysCountInWindowedTags() {
        String oneId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(oneId, track("Order Completed", now, "web", Map.of("revenue", 1)));
        send(oneId, track("Order Completed", now.minus(40, ChronoUnit.DAYS), "pos", Map.of("revenue", 2)));
        send(oneId, track("Order Completed", now.minus(10, ChronoUnit.DAYS), "pos", Map.of("revenue", 3)));

        ProfileTags read = awaitTags(oneId, t -> number(t, "order_count_total") == 3);
        assertEquals(2, number(read, "order_count_30d"), "the 40-day-old order is outside the window");
        assertEquals(2, number(read, "event_count_30d"));
        assertEquals(6, number(read, "total_spend"), 1e-9);
        assertEquals(
                "web", read.getTagsOrThrow("last_channel").getText(), "a late event does not move last_seen_at back");
        assertEquals(
                now.minus(40, ChronoUnit.DAYS).getEpochSecond(),
                read.getTagsOrThrow("first_seen_at").getTime().getSeconds());
    }

    @Test
    void whenProfilesMergeTheirTagsAddUpOnTheSurvivorAndLateEventsOfTheAbsorbedFollow() throws Exception {
        String survivor = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(survivor, track("Order Completed", now.minus(3, ChronoUnit.DAYS), "web", Map.of("revenue", 10)));
        send(absorbed, track("Order Completed", now.minus(5, ChronoUnit.DAYS), "app", Map.of("revenue", 20)));
        send(absorbed, track("Product Viewed", now.minus(1, ChronoUnit.HOURS), "app", Map.of()));
        awaitTags(survivor, t -> number(t, "order_count_total") == 1);
        awaitTags(absorbed, t -> number(t, "event_count_30d") == 2);

        IdentityChanged merge = TestEvents.merged(survivor, absorbed);
        try (TestKafka.Watch changed = TestKafka.watch("cdp.tags.changed")) {
            TestKafka.send(
                    "cdp.identity.changed",
                    survivor,
                    merge.toByteArray(),
                    Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
            TestKafka.send(
                    "cdp.identity.changed",
                    survivor,
                    merge.toByteArray(),
                    Map.of("cdp-schema", "cdp.v1.IdentityChanged"));

            ProfileTags merged = awaitTags(survivor, t -> number(t, "order_count_total") == 2);
            assertEquals(3, number(merged, "event_count_30d"));
            assertEquals(30, number(merged, "total_spend"), 1e-9);
            assertEquals("app", merged.getTagsOrThrow("last_channel").getText());
            assertEquals(
                    now.minus(5, ChronoUnit.DAYS).getEpochSecond(),
                    merged.getTagsOrThrow("first_seen_at").getTime().getSeconds());
            assertEquals(
                    0,
                    tags.getTags(GetTagsRequest.newBuilder().setOneId(absorbed).build())
                            .await()
                            .atMost(WAIT)
                            .getTagsCount());
            TagsChanged published = TagsChanged.parseFrom(
                    changed.await(r -> survivor.equals(r.key()), WAIT).value());
            assertEquals(2, published.getTagsOrThrow("order_count_total").getNumber(), 1e-9);
        }

        send(absorbed, track("Order Completed", now, "pos", Map.of("revenue", 5)));
        ProfileTags late = awaitTags(survivor, t -> number(t, "order_count_total") == 3);
        assertEquals(
                35,
                number(late, "total_spend"),
                1e-9,
                "the replayed merge folded nothing twice; the late order landed here");
        assertEquals(
                0,
                tags.getTags(GetTagsRequest.newBuilder().setOneId(absorbed).build())
                        .await()
                        .atMost(WAIT)
                        .getTagsCount());
    }

    @Test
    void aSplitGivesEachPartTheEventsItsIdentifiersSentAndRecomputesItsTags() throws Exception {
        String kept = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String shared = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(
                kept,
                track("Order Completed", now.minus(2, ChronoUnit.DAYS), "web", Map.of("revenue", 10)),
                List.of("anonymous_id:a-" + kept));
        send(
                kept,
                track("Product Viewed", now.minus(1, ChronoUnit.DAYS), "pos", Map.of()),
                List.of("phone:+86139" + kept.hashCode()));
        send(
                kept,
                track("Order Completed", now, "web", Map.of("revenue", 20)),
                List.of("email:till@store.example", "anonymous_id:a-" + kept));
        awaitTags(kept, t -> number(t, "event_count_30d") == 3);
        tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(kept)
                        .putTags("vip", TagValue.newBuilder().setFlag(true).build())
                        .build())
                .await()
                .atMost(WAIT);

        IdentityChanged split = IdentityChanged.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setChange(IdentityChange.SPLIT)
                .setOneId(kept)
                .setOrdinal(7)
                .addParts(part(kept, 7, "anonymous_id:a-" + kept))
                .addParts(part(other, 8, "phone:+86139" + kept.hashCode()))
                .addParts(part(shared, 9, "email:till@store.example"))
                .build();
        try (TestKafka.Watch changed = TestKafka.watch("cdp.tags.changed")) {
            TestKafka.send(
                    "cdp.identity.changed", kept, split.toByteArray(), Map.of("cdp-schema", "cdp.v1.IdentityChanged"));

            ProfileTags mine = awaitTags(kept, t -> number(t, "event_count_30d") == 2);
            assertEquals(
                    2, number(mine, "order_count_total"), "the order sent with the shared email stays with its person");
            assertEquals(30, number(mine, "total_spend"), 1e-9);
            assertTrue(mine.getTagsOrThrow("vip").getFlag(), "the part keeping the OneID keeps its custom values");
            ProfileTags theirs = awaitTags(other, t -> number(t, "event_count_30d") == 1);
            assertEquals(0, number(theirs, "order_count_total"));
            assertEquals("pos", theirs.getTagsOrThrow("last_channel").getText());
            assertTrue(!theirs.containsTags("vip"));
            TagsChanged published = TagsChanged.parseFrom(
                    changed.await(r -> other.equals(r.key()), WAIT).value());
            assertEquals(8, published.getOrdinal());
        }
    }

    private static SplitPart part(String oneId, int ordinal, String key) {
        return SplitPart.newBuilder()
                .setOneId(oneId)
                .setOrdinal(ordinal)
                .addIdentifierKeys(key)
                .build();
    }

    @Test
    void getTagsFiltersByNameAndBatchGetTagsAnswersInOrderWithEmptyMapsForUnknownProfiles() {
        String oneId = UUID.randomUUID().toString();
        send(oneId, track("Order Completed", Instant.now(), "web", Map.of("revenue", 7)));
        awaitTags(oneId, t -> t.containsTags("total_spend"));

        ProfileTags only = tags.getTags(GetTagsRequest.newBuilder()
                        .setOneId(oneId)
                        .addTags("total_spend")
                        .build())
                .await()
                .atMost(WAIT);
        assertEquals(1, only.getTagsCount());

        String unknown = UUID.randomUUID().toString();
        BatchGetTagsResponse batch = tags.batchGetTags(BatchGetTagsRequest.newBuilder()
                        .addOneIds(unknown)
                        .addOneIds(oneId)
                        .build())
                .await()
                .atMost(WAIT);
        assertEquals(unknown, batch.getProfiles(0).getOneId());
        assertEquals(0, batch.getProfiles(0).getTagsCount());
        assertEquals(7, batch.getProfiles(1).getTagsOrThrow("total_spend").getNumber(), 1e-9);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextOneIsStillApplied() {
        String oneId = UUID.randomUUID().toString();
        try (TestKafka.Watch dead = TestKafka.watch("cdp.dlq.tag-service")) {
            TestKafka.send("cdp.events.resolved", oneId, new byte[] {0x0a, (byte) 0xff, 0x01}, Map.of());
            send(oneId, track("Product Viewed", Instant.now(), "web", Map.of()));

            ConsumerRecord<String, byte[]> poison = dead.await(r -> oneId.equals(r.key()), WAIT);
            String reason = TestKafka.header(poison, "dead-letter-reason");
            assertNotNull(reason);
            assertTrue(reason.contains("the value is not a binary cdp.v1.ResolvedEvent"), reason);
            assertEquals(1, number(awaitTags(oneId, t -> t.containsTags("event_count_30d")), "event_count_30d"));
        }
    }

    @Test
    void aPoisonChangeRecordGoesToTheDeadLetterTopicAndTheHistoryOfTheRestOfItsPollIsKept() {
        String oneId = UUID.randomUUID().toString();
        TagsChanged change = TagsChanged.newBuilder()
                .setOneId(oneId)
                .setOrdinal(1)
                .setCauseMessageId(UUID.randomUUID().toString())
                .setChangedAt(ProtoTime.timestamp(Instant.now()))
                .addChanges(TagChange.newBuilder()
                        .setTag("vip")
                        .setNewValue(TagValue.newBuilder().setFlag(true)))
                .build();
        try (TestKafka.Watch dead = TestKafka.watch("cdp.dlq.tag-service")) {
            TestKafka.send("cdp.tags.changed", oneId, new byte[] {0x0a, (byte) 0xff, 0x01}, Map.of());
            TestKafka.send("cdp.tags.changed", oneId, change.toByteArray(), Map.of("cdp-schema", "cdp.v1.TagsChanged"));

            String reason = TestKafka.header(dead.await(r -> oneId.equals(r.key()), WAIT), "dead-letter-reason");
            assertTrue(reason.contains("the value is not a binary cdp.v1.TagsChanged"), reason);
            long deadline = System.nanoTime() + WAIT.toNanos();
            TagHistoryResponse history;
            do {
                TestEvents.pause();
                history = tags.tagHistory(TagHistoryRequest.newBuilder()
                                .setOneId(oneId)
                                .setTag("vip")
                                .build())
                        .await()
                        .atMost(WAIT);
            } while (history.getChangesCount() == 0 && System.nanoTime() < deadline);
            assertEquals(1, history.getChangesCount());
            assertTrue(history.getValue().getFlag());
        }
    }

    private static TagsChanged parse(ConsumerRecord<String, byte[]> record) {
        try {
            return TagsChanged.parseFrom(record.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private ProfileTags awaitTags(String oneId, Predicate<ProfileTags> ready) {
        return TestEvents.awaitTags(tags, oneId, ready);
    }
}
