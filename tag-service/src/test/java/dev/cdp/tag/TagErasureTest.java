package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.WAIT;
import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.StoreErased;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.store.TagStore;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An erased person's tags, tag state, history and logged events are deleted, and the erasure confirmed. */
@QuarkusTest
class TagErasureTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("tags")
    TagService tags;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool database;

    @Inject
    TagHistory history;

    @Test
    void anErasedOneIdIsRememberedOnlyAsLongAsChangesFromBeforeTheErasureCanStillArrive() {
        String oneId = UUID.randomUUID().toString();
        database.preparedQuery("insert into tag_erasure (one_id, erased_at) values ($1, now())")
                .execute(Tuple.of(oneId))
                .await()
                .atMost(WAIT);
        // Marks other runs left on a kept database may be forgotten here; this one must not be.
        history.forgetErasuresBefore(Instant.now().minus(1, ChronoUnit.HOURS))
                .await()
                .atMost(WAIT);
        assertEquals(1, marks(oneId), "an erasure within the memory is kept");
        history.forgetErasuresBefore(Instant.now().plusSeconds(1)).await().atMost(WAIT);
        assertEquals(0, marks(oneId), "past the memory the OneID is gone from tag-service");
    }

    private long marks(String oneId) {
        return database.preparedQuery("select count(*) from tag_erasure where one_id = $1")
                .execute(Tuple.of(oneId))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void anErasureDeletesEverythingHeldOnTheOneIdsAndIsConfirmedOnceEvenWhenReplayed() throws Exception {
        String oneId = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(oneId, track("Order Completed", now.minus(2, ChronoUnit.DAYS), "web", Map.of("revenue", 10)));
        send(absorbed, track("Product Viewed", now.minus(1, ChronoUnit.HOURS), "app", Map.of()));
        awaitTags(tags, oneId, t -> number(t, "order_count_total") == 1);
        awaitTags(tags, absorbed, t -> number(t, "event_count_30d") == 1);
        awaitHistory(oneId, "order_count_total", 1);

        String requestId = UUID.randomUUID().toString();
        IdentityChanged erased = IdentityChanged.newBuilder()
                .setMessageId(requestId)
                .setChange(IdentityChange.ERASED)
                .setOneId(oneId)
                .setOrdinal(7)
                .addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed))
                .build();
        try (TestKafka.Watch confirmations = TestKafka.watch("cdp.privacy.confirmations")) {
            for (int i = 0; i < 2; i++) {
                TestKafka.send(
                        "cdp.identity.changed",
                        oneId,
                        erased.toByteArray(),
                        Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
            }
            List<ConsumerRecord<String, byte[]>> confirmed =
                    confirmations.awaitAll(r -> oneId.equals(r.key()), 2, WAIT);
            ErasureConfirmed confirmation =
                    ErasureConfirmed.parseFrom(confirmed.get(0).value());
            assertEquals("cdp.v1.ErasureConfirmed", TestKafka.header(confirmed.get(0), "cdp-schema"));
            assertEquals(requestId, confirmation.getRequestId());
            assertEquals(oneId, confirmation.getOneId());
            assertEquals("tag-service", confirmation.getService());
            assertEquals(
                    List.of("redis", "tag_change", "tag_event"),
                    confirmation.getStoresList().stream()
                            .map(StoreErased::getStore)
                            .toList());
            assertTrue(confirmation.getStoresList().stream().allMatch(StoreErased::hasFinishedAt));
        }

        for (String id : List.of(oneId, absorbed)) {
            assertEquals(
                    0,
                    tags.getTags(GetTagsRequest.newBuilder().setOneId(id).build())
                            .await()
                            .atMost(WAIT)
                            .getTagsCount());
            for (String key : List.of(
                    TagStore.tagsKey(id),
                    "cdp:tagstate:{" + id + "}",
                    "cdp:tagmsgs:{" + id + "}",
                    "cdp:tagmoved:{" + id + "}")) {
                assertEquals(false, redis.key().exists(key).await().atMost(WAIT), key + " is gone");
            }
            assertEquals(
                    null,
                    redis.sortedSet(String.class)
                            .zscore(TagStore.EXPIRY_KEY, id)
                            .await()
                            .atMost(WAIT),
                    "no expiry entry is left");
            assertEquals(0, count("tag_event", id), "no logged event is left");
            assertEquals(0, count("tag_change", id), "no history is left");
        }
        assertEquals(0, history(oneId, "order_count_total"), "the history is gone");

        // A change computed before the erasure, still on its way, is not recorded; a fresh profile's later one is.
        TagsChanged inFlight = TagsChanged.newBuilder()
                .setOneId(oneId)
                .setOrdinal(7)
                .setCauseMessageId(UUID.randomUUID().toString())
                .setChangedAt(ProtoTime.timestamp(now))
                .addChanges(TagChange.newBuilder()
                        .setTag("order_count_total")
                        .setNewValue(TagValue.newBuilder().setNumber(2)))
                .build();
        TestKafka.send("cdp.tags.changed", oneId, inFlight.toByteArray(), Map.of("cdp-schema", "cdp.v1.TagsChanged"));
        TagsChanged fresh = inFlight.toBuilder()
                .setCauseMessageId(UUID.randomUUID().toString())
                .setChangedAt(ProtoTime.timestamp(Instant.now().plusSeconds(5)))
                .build();
        TestKafka.send("cdp.tags.changed", oneId, fresh.toByteArray(), Map.of("cdp-schema", "cdp.v1.TagsChanged"));
        awaitHistory(oneId, "order_count_total", 1);
        TestEvents.pause();
        assertEquals(1, history(oneId, "order_count_total"), "only the change made after the erasure is kept");
    }

    private long count(String table, String oneId) {
        return database.preparedQuery("select count(*) from " + table + " where one_id = $1")
                .execute(Tuple.of(oneId))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    private int history(String oneId, String tag) {
        return tags.tagHistory(TagHistoryRequest.newBuilder()
                        .setOneId(oneId)
                        .setTag(tag)
                        .build())
                .await()
                .atMost(WAIT)
                .getChangesCount();
    }

    private void awaitHistory(String oneId, String tag, int changes) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (history(oneId, tag) < changes) {
            assertTrue(
                    System.nanoTime() < deadline, "the history of " + tag + " never reached " + changes + " changes");
            TestEvents.pause();
        }
    }
}
