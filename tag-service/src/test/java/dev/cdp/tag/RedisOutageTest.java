package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.TagService;
import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.StoreBehindProxy;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis taken away while events arrive: nothing accepted is lost or dead-lettered, reads say
 * "unavailable, retry" and readiness is down until Redis is back.
 */
@QuarkusTest
@WithTestResource(value = StoreBehindProxy.class, initArgs = @ResourceArg(name = "store", value = "redis"))
class RedisOutageTest {

    /** Longer than the consumer's retries with Redis up took before it gave records up (about 4 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    private static final int ORDERS_DURING_OUTAGE = 20;

    @GrpcClient("tags")
    TagService tags;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void eventsSentWhileRedisIsDownAreAllCountedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        String oneId = "redis-outage-" + UUID.randomUUID();
        send(oneId, order());
        awaitTags(tags, oneId, t -> number(t, "order_count_total") == 1);

        try (TestKafka.Watch dead = TestKafka.watch("cdp.dlq.tag-service")) {
            StoreBehindProxy.proxy().cut();
            try {
                for (int i = 0; i < ORDERS_DURING_OUTAGE; i++) {
                    send(oneId, order());
                }
                given().get("/v1/tags/{oneId}", oneId)
                        .then()
                        .statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .body("error", containsString("redis did not answer"));
                StatusRuntimeException grpc = assertThrows(
                        StatusRuntimeException.class,
                        () -> tags.getTags(GetTagsRequest.newBuilder()
                                        .setOneId(oneId)
                                        .build())
                                .await()
                                .atMost(TestEvents.WAIT));
                assertEquals(Status.Code.UNAVAILABLE, grpc.getStatus().getCode());
                ManagementInterface.given().get("/q/health/ready").then().statusCode(503);
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                StoreBehindProxy.proxy().restore();
            }

            awaitTags(tags, oneId, t -> number(t, "order_count_total") == 1 + ORDERS_DURING_OUTAGE);
            ManagementInterface.given().get("/q/health/ready").then().statusCode(200);
            List<ConsumerRecord<String, byte[]>> deadLettered =
                    dead.collectFor(r -> oneId.equals(r.key()), Duration.ofSeconds(1));
            assertEquals(List.of(), deadLettered, "records dead-lettered during the outage");
        }
        // Applied once each: a retried poll is not counted twice.
        assertEquals(1 + ORDERS_DURING_OUTAGE, number(awaitTags(tags, oneId, t -> true), "order_count_total"));
    }

    private static Event order() {
        return track("Order Completed", Instant.now(), "web", Map.of("revenue", 10));
    }
}
