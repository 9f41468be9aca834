package dev.cdp.segment.growth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interest preferences from the views in tag-service's event log (the test's stand-in,
 * {@link PeerTags}), every view of the same age so the lifts are exact: the population has home 7,
 * skincare 3 and shoes 2 of 12 (weighted) views.
 */
@QuarkusTest
class InterestRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void eachProfilesTopInterestsByLiftAndTheSegmentsCooccurrence() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        String ada = viewer(cohort, at, Map.of("skincare", 3, "home", 1));
        String bob = viewer(cohort, at, Map.of("home", 4));
        String cai = viewer(cohort, at, Map.of("home", 2, "shoes", 2));
        Segment viewers = TestMembership.create(segments, "interests " + cohort, "cohort = '" + cohort + "'");
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, viewers).getSize() == 3);

        String run = given().post("/v1/models/interests/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath done = TestRuns.finished(run);
        assertEquals("DONE", done.getString("status"), done.prettify());

        // ada: skincare 3/4 of hers against 3/12 of everyone's: lift 3; home 1/4 against 7/12.
        Map<String, Double> adas =
                PeerTags.set(ada).get("interests_top").getWeights().getEntriesMap();
        assertEquals(3.0, adas.get("skincare"), 1e-4);
        assertEquals(0.4286, adas.get("home"), 1e-4);
        assertEquals(
                1.7143,
                PeerTags.set(bob)
                        .get("interests_top")
                        .getWeights()
                        .getEntriesMap()
                        .get("home"),
                1e-4);
        assertEquals(
                3.0,
                PeerTags.set(cai)
                        .get("interests_top")
                        .getWeights()
                        .getEntriesMap()
                        .get("shoes"),
                1e-4);

        JsonPath graph = given().queryParam("segment", viewers.getId())
                .get("/v1/models/interests/cooccurrence")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> edges = graph.getList("edges");
        assertEquals(2, edges.size(), graph.prettify());
        assertEquals(
                List.of("home", "shoes"),
                List.of(edges.get(0).get("one"), edges.get(0).get("other")));
        assertEquals(
                List.of("home", "skincare"),
                List.of(edges.get(1).get("one"), edges.get(1).get("other")));
        assertEquals(1, ((Number) edges.get(0).get("both")).intValue());
        assertEquals(0.3333, ((Number) edges.get(0).get("jaccard")).doubleValue(), 1e-4);
        given().get("/v1/models/interests/cooccurrence").then().statusCode(400);
    }

    /** A profile of the cohort that viewed each category so many times at {@code at}. */
    private static String viewer(String cohort, Instant at, Map<String, Integer> views) {
        String oneId = UUID.randomUUID().toString();
        TestMembership.send(TestTags.changed(
                oneId, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), TestTags.of("cohort", cohort)));
        views.forEach((category, times) -> {
            for (int i = 0; i < times; i++) {
                PeerTags.logEvent(
                        oneId,
                        Event.newBuilder()
                                .setType(EventType.TRACK)
                                .setEvent("Product Viewed")
                                .setMessageId(UUID.randomUUID().toString())
                                .setTimestamp(ProtoTime.timestamp(at))
                                .setProperties(Struct.newBuilder()
                                        .putFields(
                                                "category",
                                                Value.newBuilder()
                                                        .setStringValue(category)
                                                        .build()))
                                .build());
            }
        });
        return oneId;
    }
}
