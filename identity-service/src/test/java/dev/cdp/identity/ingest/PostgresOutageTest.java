package dev.cdp.identity.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.identity.SegmentApi;
import dev.cdp.identity.ingest.messaging.RawEventConsumer;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.StoreBehindProxy;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away: the tracking API says "come back" instead of taking what it cannot keep,
 * and what was already on the raw topic is resolved once the database is back, none of it
 * dead-lettered.
 */
@QuarkusTest
@WithTestResource(
        value = StoreBehindProxy.class,
        initArgs = {
            @ResourceArg(name = "store", value = "postgresql"),
            @ResourceArg(name = "database", value = "cdp_identity")
        })
class PostgresOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Longer than the raw consumer's retries with the database up took before it gave a poll up. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void whileTheDatabaseIsDownTrackingAnswers503AndRawEventsWaitForItInsteadOfBeingDeadLettered() throws Exception {
        String user = "pg-outage-" + UUID.randomUUID();
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved");
                TestKafka.Watch dead = TestKafka.watch("cdp.dlq.identity-service")) {
            StoreBehindProxy.proxy().cut();
            try {
                TestKafka.send(
                        "cdp.events.raw",
                        user,
                        """
                        {"type": "track", "userId": "%s", "event": "Order Completed", "properties": {"revenue": 12}}
                        """.formatted(user).getBytes(StandardCharsets.UTF_8),
                        Map.of(RawEventConsumer.WRITE_KEY_HEADER, SegmentApi.DEMO_WRITE_KEY));
                SegmentApi.given()
                        .body("""
                        {"userId": "%s", "event": "Product Viewed", "messageId": "%s-http"}
                        """.formatted(user, user))
                        .post("/v1/track")
                        .then()
                        .statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .body("error", containsString("postgresql did not answer"));
                ManagementInterface.given().get("/q/health/ready").then().statusCode(503);
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                StoreBehindProxy.proxy().restore();
            }

            ResolvedEvent event = resolvedOf(
                    resolved.await(r -> user.equals(resolvedOf(r).getEvent().getUserId()), WAIT));
            assertEquals("Order Completed", event.getEvent().getEvent());
            SegmentApi.given()
                    .body("""
                    {"userId": "%s", "event": "Product Viewed", "messageId": "%s-http"}
                    """.formatted(user, user))
                    .post("/v1/track")
                    .then()
                    .statusCode(200)
                    .body("duplicate", equalTo(false));
            ManagementInterface.given().get("/q/health/ready").then().statusCode(200);
            List<ConsumerRecord<String, byte[]>> deadLettered =
                    dead.collectFor(r -> user.equals(r.key()), Duration.ofSeconds(1));
            assertEquals(List.of(), deadLettered, "records dead-lettered during the outage");
        }
    }

    private static ResolvedEvent resolvedOf(ConsumerRecord<String, byte[]> record) {
        try {
            return ResolvedEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
