package dev.cdp.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GetTags reads Redis on a pipelined connection per event loop: replies reach their own callers, and a lost connection is replaced. */
@QuarkusTest
class TagReadConnectionTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("tags")
    TagService tags;

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void manyConcurrentReadsEachGetTheirOwnProfile() {
        List<String> oneIds = IntStream.range(0, 300)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        Uni.join()
                .all(IntStream.range(0, oneIds.size())
                        .mapToObj(i -> tags.setTags(SetTagsRequest.newBuilder()
                                .setOneId(oneIds.get(i))
                                .putTags(
                                        "churn_risk",
                                        TagValue.newBuilder().setNumber(i).build())
                                .build()))
                        .toList())
                .andFailFast()
                .await()
                .atMost(TestEvents.WAIT);

        List<ProfileTags> reads = Uni.join()
                .all(oneIds.stream()
                        .map(oneId -> tags.getTags(
                                GetTagsRequest.newBuilder().setOneId(oneId).build()))
                        .toList())
                .andFailFast()
                .await()
                .atMost(TestEvents.WAIT);

        for (int i = 0; i < oneIds.size(); i++) {
            assertEquals(oneIds.get(i), reads.get(i).getOneId());
            assertEquals(
                    i,
                    reads.get(i).getTagsOrThrow("churn_risk").getNumber(),
                    1e-9,
                    "profile " + i + " got another's value");
        }
    }

    @Test
    void readsCarryOnAfterRedisDropsTheConnections() throws InterruptedException {
        String oneId = UUID.randomUUID().toString();
        tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(oneId)
                        .putTags("vip", TagValue.newBuilder().setFlag(true).build())
                        .build())
                .await()
                .atMost(TestEvents.WAIT);
        assertTrue(read(oneId).getTagsOrThrow("vip").getFlag());

        long killed = redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes")
                .await()
                .atMost(TestEvents.WAIT)
                .toLong();
        assertTrue(killed > 0, "the service's connections were dropped");

        Instant deadline = Instant.now().plus(TestEvents.WAIT);
        while (true) {
            try {
                assertTrue(read(oneId).getTagsOrThrow("vip").getFlag());
                return;
            } catch (StatusRuntimeException failedOnTheDroppedConnection) {
                assertEquals(
                        Status.Code.UNAVAILABLE,
                        failedOnTheDroppedConnection.getStatus().getCode(),
                        "a caller knows to retry");
                if (Instant.now().isAfter(deadline)) {
                    throw failedOnTheDroppedConnection;
                }
                Thread.sleep(100);
            }
        }
    }

    private ProfileTags read(String oneId) {
        return tags.getTags(GetTagsRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(Duration.ofSeconds(5));
    }
}
