package dev.cdp.segment.definition;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.proto.v1.Transition;
import dev.cdp.proto.v1.UpdateSegmentRequest;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pausing holds an audience still: a paused segment is not evaluated and keeps its members. A tag
 * retired in the catalogue pauses the segments that read it, with the reason, instead of letting
 * them drain silently as the tag stops being computed.
 */
@QuarkusTest
class SegmentPauseTest {

    private static final String MEMBERSHIP = TestMembership.MEMBERSHIP;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void aRetiredTagPausesTheSegmentsReadingItWithTheirMembersKept() throws Exception {
        String code = "score_" + UUID.randomUUID().toString().substring(0, 8);
        TestCatalogue.tag(code, "NUMBER", "ACTIVE");
        TestCatalogue.awaitKnown(code);
        Segment scored = create("scored " + code, code + " > 1");
        Segment control = create("control " + code, "cohort = '" + code + "'");
        String oneId = UUID.randomUUID().toString();
        int ordinal = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        send(TestTags.changed(oneId, ordinal, TestTags.of(code, 5)));
        await().atMost(TIMEOUT).until(() -> get(scored).getSize() == 1);

        TestCatalogue.tag(code, "NUMBER", "RETIRED");
        await().atMost(TIMEOUT).until(() -> get(scored).getStatus().equals("PAUSED"));
        Segment paused = get(scored);
        assertEquals(
                "reads tag " + code + ", which was retired in the tag catalogue; edit the rule and resume it",
                paused.getPausedReason());
        assertEquals(1, paused.getSize(), "a paused segment keeps its members");
        assertEquals("ACTIVE", get(control).getStatus(), "a segment that does not read the tag goes on");

        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            // The control segment's ENTER comes from the same evaluation that would have taken
            // the profile out of a segment still evaluated.
            send(TestTags.changed(oneId, ordinal, TestTags.of(code, 0, "cohort", code)));
            membership.await(transition(oneId, control, Transition.ENTER), TIMEOUT);
            assertTrue(
                    membership
                            .collectFor(transition(oneId, scored, Transition.EXIT), Duration.ofMillis(500))
                            .isEmpty(),
                    "a paused segment is not evaluated");
        }
        assertEquals(1, get(scored).getSize());

        given().when()
                .post("/v1/segments/" + scored.getId() + "/resume")
                .then()
                .statusCode(409)
                .body("error", containsString("cannot resume: " + code + " > 1: tag " + code + " is retired"));

        // An edit away from the retired tag is kept; resuming decides the new rule over everyone.
        segments.updateSegment(UpdateSegmentRequest.newBuilder()
                        .setId(scored.getId())
                        .setRule("cohort = '" + code + "' AND total_spend > 1")
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals("PAUSED", get(scored).getStatus(), "an edit keeps a paused segment paused");
        Segment resumed = segments.resumeSegment(
                        GetSegmentRequest.newBuilder().setId(scored.getId()).build())
                .await()
                .atMost(TIMEOUT);
        assertEquals("ACTIVE", resumed.getStatus());
        assertEquals("", resumed.getPausedReason());
        await().atMost(TIMEOUT).until(() -> get(scored).getSize() == 0);
    }

    @Test
    void aSegmentPausedByAUserIgnoresChangesAndCatchesUpWhenResumed() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("held " + cohort, "cohort = '" + cohort + "' AND total_spend > 100");
        Segment control = create("held control " + cohort, "cohort = '" + cohort + "'");
        given().when()
                .post("/v1/segments/" + segment.getId() + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("pausedReason", equalTo("paused by a user"));

        String oneId = UUID.randomUUID().toString();
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            send(TestTags.changed(oneId, 7, TestTags.of("cohort", cohort, "total_spend", 150)));
            membership.await(transition(oneId, control, Transition.ENTER), TIMEOUT);
            assertTrue(membership
                    .collectFor(transition(oneId, segment, Transition.ENTER), Duration.ofMillis(500))
                    .isEmpty());
            assertEquals(0, get(segment).getSize());

            segments.resumeSegment(GetSegmentRequest.newBuilder()
                            .setId(segment.getId())
                            .build())
                    .await()
                    .atMost(TIMEOUT);
            membership.await(transition(oneId, segment, Transition.ENTER), TIMEOUT);
        }
        await().atMost(TIMEOUT).until(() -> get(segment).getSize() == 1);
    }

    @Test
    void anArchivedSegmentCannotBePaused() {
        Segment segment = create("gone " + UUID.randomUUID(), "vip = true");
        given().when().delete("/v1/segments/" + segment.getId()).then().statusCode(200);
        StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(
                StatusRuntimeException.class,
                () -> segments.pauseSegment(GetSegmentRequest.newBuilder()
                                .setId(segment.getId())
                                .build())
                        .await()
                        .atMost(TIMEOUT));
        assertEquals(Status.Code.ALREADY_EXISTS, refused.getStatus().getCode());
        given().when().post("/v1/segments/nope/pause").then().statusCode(404);
    }

    private Segment create(String name, String rule) {
        return TestMembership.create(segments, name, rule);
    }

    private Segment get(Segment segment) {
        return TestMembership.get(segments, segment);
    }

    private static void send(TagsChanged change) {
        TestMembership.send(change);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> transition(
            String oneId, Segment segment, Transition transition) {
        return TestMembership.transition(oneId, segment.getId(), transition);
    }
}
