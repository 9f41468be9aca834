package dev.cdp.segment.membership;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A segment whose backfill moves more profiles than a page, and whose archive empties as many:
 * each page is written in one statement per kind, so a large page neither overflows the stack
 * nor leaves its rows locked (which stalled every tag change behind it).
 */
@QuarkusTest
class LargeBackfillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @GrpcClient("segments")
    SegmentService segments;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void aBackfillAndAnArchiveOfMoreThanAPageOfProfilesFinish() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        int profiles = SegmentBackfill.PAGE + 150;
        // Evaluated as they arrive: once it holds all of them, every profile is stored.
        Segment counter =
                TestMembership.create(segments, "counter " + cohort, "cohort = '" + cohort + "' AND vip IS NOT SET");
        for (int i = 0; i < profiles; i++) {
            TestMembership.send(TestTags.changed(
                    UUID.randomUUID().toString(),
                    ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE),
                    TestTags.of("cohort", cohort)));
        }
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, counter).getSize() == profiles);

        Segment late = TestMembership.create(segments, "late " + cohort, "cohort = '" + cohort + "'");
        await().atMost(TIMEOUT)
                .until(() -> "DONE"
                        .equals(given().get("/v1/segments/" + late.getId())
                                .then()
                                .extract()
                                .path("backfill.state")));
        assertEquals(profiles, TestMembership.get(segments, late).getSize(), "every existing profile, decided at once");

        given().delete("/v1/segments/" + late.getId()).then().statusCode(200);
        await().atMost(TIMEOUT).until(() -> TestMembership.get(segments, late).getSize() == 0);
    }
}
