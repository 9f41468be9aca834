package dev.cdp.identity.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cdp.events.raw against real Kafka and PostgreSQL: the Segment API's path, fed from a topic. */
@QuarkusTest
class RawTopicTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final String RAW = "cdp.events.raw";
    private static final String DLQ = "cdp.dlq.identity-service";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> DEMO_KEY =
            Map.of(RawEventConsumer.WRITE_KEY_HEADER, SegmentApi.DEMO_WRITE_KEY);

    @Test
    void aRawEventBecomesAProfileAndIsPublishedResolved() {
        String user = "user-" + UUID.randomUUID();
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            send(user, """
                    {"type": "identify", "userId": "%s", "traits": {"email": "%s@example.com", "name": "Lin"}}
                    """.formatted(user, user), DEMO_KEY);
            ResolvedEvent event = resolvedOf(
                    resolved.await(r -> user.equals(resolvedOf(r).getEvent().getUserId()), WAIT));
            assertEquals(EventType.IDENTIFY, event.getEvent().getType());
            assertEquals("api", event.getEvent().getContext().getChannel(), "the demo source's channel");
            assertTrue(event.getEvent().getMessageId().startsWith("raw-"), "a messageId from the record's position");

            given().queryParam("type", "email")
                    .queryParam("value", user + "@example.com")
                    .when()
                    .get("/v1/profiles")
                    .then()
                    .statusCode(200)
                    .body("oneId", equalTo(event.getOneId()))
                    .body("traits.name", equalTo("Lin"))
                    .body("identifiers.value", hasItem(user));
        }
    }

    @Test
    void aBatchRecordIsAppliedInOrderAndARedeliveryIsCountedOnce() {
        String user = "user-" + UUID.randomUUID();
        String batch = """
                {"batch": [
                  {"type": "identify", "messageId": "%1$s-1", "userId": "%1$s"},
                  {"type": "track", "messageId": "%1$s-2", "userId": "%1$s", "event": "Order Completed"}
                ], "context": {"channel": "pos"}}
                """.formatted(user);
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            send(user, batch, DEMO_KEY);
            send(user, batch, DEMO_KEY);
            List<ConsumerRecord<String, byte[]>> events = resolved.collectFor(
                    r -> user.equals(resolvedOf(r).getEvent().getUserId()), Duration.ofSeconds(8));
            assertEquals(
                    List.of(user + "-1", user + "-2"),
                    events.stream()
                            .map(r -> resolvedOf(r).getEvent().getMessageId())
                            .toList());
            assertEquals(
                    "pos", resolvedOf(events.get(1)).getEvent().getContext().getChannel());
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsStillApplied() {
        String user = "user-" + UUID.randomUUID();
        // One key, so one partition: the good record comes after the poison ones.
        try (TestKafka.Watch dead = TestKafka.watch(DLQ);
                TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            send(
                    user,
                    "{\"case\": \"nokey\", \"type\": \"track\", \"userId\": \"" + user + "\", \"event\": \"x\"}",
                    Map.of());
            send(
                    user,
                    "{\"case\": \"badkey\", \"type\": \"track\", \"userId\": \"" + user + "\", \"event\": \"x\"}",
                    Map.of(RawEventConsumer.WRITE_KEY_HEADER, "no-such-key"));
            send(user, "{\"case\": \"json\", \"type\": ", DEMO_KEY);
            send(
                    user,
                    "{\"case\": \"phone\", \"type\": \"identify\", \"userId\": \"" + user
                            + "\", \"traits\": {\"phone\": \"12\"}}",
                    DEMO_KEY);
            send(user, """
                    {"case": "batch", "batch": [{"type": "identify", "userId": "%s"}, {"type": "track", "userId": "%s"}]}
                    """.formatted(user, user), DEMO_KEY);
            byte[] latin1 = ("{\"case\": \"utf8\", \"type\": \"identify\", \"userId\": \"" + user + "-Jos\u00e9\"}")
                    .getBytes(StandardCharsets.ISO_8859_1);
            TestKafka.send(RAW, user, latin1, DEMO_KEY);
            send(
                    user,
                    "{\"case\": \"deep\", \"type\": \"track\", \"userId\": \"" + user
                            + "\", \"event\": \"x\", \"properties\": " + "{\"a\": ".repeat(40) + "1" + "}".repeat(40)
                            + "}",
                    DEMO_KEY);
            send(
                    user,
                    "{\"type\": \"identify\", \"userId\": \"" + user + "\", \"traits\": {\"name\": \"Next\"}}",
                    DEMO_KEY);

            assertReason(dead, user, "nokey", "no cdp-write-key header");
            assertReason(dead, user, "badkey", "write key \"no-s…\" is not known");
            assertReason(dead, user, "json", "value is not valid JSON");
            assertReason(dead, user, "phone", "traits.phone \"12\"");
            assertReason(dead, user, "utf8", "value is not valid UTF-8 at byte");
            assertReason(dead, user, "deep", "properties.a.a.a");
            assertReason(
                    dead,
                    user,
                    "batch",
                    "batch has 1 invalid of 2 events, so none was applied: batch[1].event is required");
            ConsumerRecord<String, byte[]> poison = dead.await(r -> user.equals(r.key()) && isCase(r, "nokey"), WAIT);
            assertEquals(RAW, TestKafka.header(poison, "dead-letter-topic"));
            assertEquals(user, poison.key(), "the dead-letter record is the record as it was sent");

            ResolvedEvent next = resolvedOf(
                    resolved.await(r -> user.equals(resolvedOf(r).getEvent().getUserId()), WAIT));
            assertEquals(EventType.IDENTIFY, next.getEvent().getType());
            assertEquals(
                    1,
                    resolved.collectFor(
                                    r -> user.equals(resolvedOf(r).getEvent().getUserId()), Duration.ofSeconds(2))
                            .size(),
                    "nothing of the poison records was applied");
        }
        given().queryParam("type", "user_id")
                .queryParam("value", user)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.name", equalTo("Next"));
    }

    private static boolean isCase(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.value(), StandardCharsets.UTF_8).contains("\"case\": \"" + name + "\"");
    }

    private static void assertReason(TestKafka.Watch dead, String user, String name, String expected) {
        String reason =
                TestKafka.header(dead.await(r -> user.equals(r.key()) && isCase(r, name), WAIT), "dead-letter-reason");
        assertNotNull(reason, "the dead-letter record of case " + name + " carries its reason");
        assertTrue(reason.contains(expected), reason);
    }

    private static void send(String key, String value, Map<String, String> headers) {
        TestKafka.send(RAW, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static ResolvedEvent resolvedOf(ConsumerRecord<String, byte[]> record) {
        try {
            return ResolvedEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("cdp.events.resolved holds a record that is not a ResolvedEvent", e);
        }
    }
}
