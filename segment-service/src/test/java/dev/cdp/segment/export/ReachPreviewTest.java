package dev.cdp.segment.export;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.proto.v1.PreviewSegmentRequest;
import dev.cdp.proto.v1.PreviewSegmentResponse;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A draft audience's reach per channel, counted by identity-service (here its stand-in, IdentityPeer). */
@QuarkusTest
class ReachPreviewTest {

    @GrpcClient("segments")
    SegmentService segments;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void aPreviewAskedForReachCountsEachChannelOverItsMembers() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        String[] people = new String[4];
        for (int i = 0; i < people.length; i++) {
            people[i] = UUID.randomUUID().toString();
        }
        IdentityPeer.hold(people[0], IdentityPeer.id("email", "a-" + cohort + "@example.com"));
        IdentityPeer.hold(
                people[1],
                IdentityPeer.id("email", "b-" + cohort + "@example.com"),
                IdentityPeer.id("phone", "+8613900000001"));
        IdentityPeer.hold(people[2], IdentityPeer.id("email", "c-" + cohort + "@example.com"));
        for (String oneId : people) {
            TestMembership.send(TestTags.changed(
                    oneId, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), TestTags.of("cohort", cohort)));
        }
        Map<String, String> draft = Map.of("rule", "cohort = '" + cohort + "'");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().contentType(ContentType.JSON)
                                .body(draft)
                                .post("/v1/segments/preview")
                                .then()
                                .extract()
                                .<Integer>path("count")
                        == 4);

        given().contentType(ContentType.JSON)
                .body(draft)
                .post("/v1/segments/preview?reach=true")
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("reach.sampled", equalTo(4))
                .body("reach.channels.email.reachableInSample", equalTo(3))
                .body("reach.channels.email.estimated", equalTo(3))
                .body("reach.channels.sms.estimated", equalTo(1));
        given().contentType(ContentType.JSON)
                .body(draft)
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("reach", nullValue());

        PreviewSegmentResponse overGrpc = segments.previewSegment(PreviewSegmentRequest.newBuilder()
                        .setRule(draft.get("rule"))
                        .setReach(true)
                        .build())
                .await()
                .atMost(Duration.ofSeconds(30));
        assertEquals(4, overGrpc.getCount());
        assertEquals(4, overGrpc.getReachSampled());
        assertEquals(3, overGrpc.getReachOrThrow("email").getReachableInSample());
        assertEquals(1, overGrpc.getReachOrThrow("sms").getEstimated());
        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class,
                () -> segments.previewSegment(PreviewSegmentRequest.newBuilder()
                                .setRule("cohort = ")
                                .build())
                        .await()
                        .atMost(Duration.ofSeconds(30)));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }
}
