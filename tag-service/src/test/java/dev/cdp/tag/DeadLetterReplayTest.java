package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.track;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.proto.v1.TagService;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dead letters go back to their topic on an administrator's word (the access-control contract
 * checks that no other role may), and a replay never counts an event twice.
 */
@QuarkusTest
class DeadLetterReplayTest {

    private static final String DLQ = "cdp.dlq.tag-service";

    @GrpcClient("tags")
    TagService tags;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void aReplayAppliesTheDeadLettersOnceAndAReplayedEventAlreadyCountedChangesNothing() {
        String oneId = "replay-" + UUID.randomUUID();
        Event order = track("Order Completed", Instant.now(), "web", Map.of("revenue", 30));
        deadLetter(oneId, order, 0, 41);

        given().get("/v1/admin/dead-letters")
                .then()
                .statusCode(200)
                .body("topic", equalTo(DLQ))
                .body("pending", greaterThanOrEqualTo(1));
        given().post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("topic", equalTo(DLQ))
                .body("replayed", greaterThanOrEqualTo(1))
                .body("byTopic.'cdp.events.resolved'", greaterThanOrEqualTo(1));
        awaitTags(tags, oneId, t -> number(t, "order_count_total") == 1);

        // The same event dead-lettered a second time, then a new one behind it on the same partition.
        deadLetter(oneId, order, 0, 42);
        deadLetter(oneId, track("Product Viewed", Instant.now(), "web", Map.of()), 0, 43);
        given().post("/v1/admin/dead-letters/replay").then().statusCode(200).body("replayed", greaterThanOrEqualTo(2));

        ProfileTags read = awaitTags(tags, oneId, t -> number(t, "event_count_30d") == 2);
        assertEquals(1, number(read, "order_count_total"), "the order replayed twice is counted once");
        assertEquals(30, number(read, "total_spend"));
    }

    /** A resolved event as the consumer dead-letters it: the record as sent, with where it came from. */
    private static void deadLetter(String oneId, Event event, int partition, long offset) {
        ResolvedEvent resolved = ResolvedEvent.newBuilder()
                .setOneId(oneId)
                .setOrdinal(7)
                .setEvent(event)
                .build();
        TestKafka.send(
                DLQ,
                oneId,
                resolved.toByteArray(),
                Map.of(
                        "cdp-schema", "cdp.v1.ResolvedEvent",
                        "dead-letter-topic", "cdp.events.resolved",
                        "dead-letter-partition", Integer.toString(partition),
                        "dead-letter-offset", Long.toString(offset),
                        "dead-letter-reason", "redis did not answer"));
    }
}
