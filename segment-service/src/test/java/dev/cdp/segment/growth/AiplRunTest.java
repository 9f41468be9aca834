package dev.cdp.segment.growth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.proto.v1.AiplRunParameters;
import dev.cdp.proto.v1.GetModelRunRequest;
import dev.cdp.proto.v1.ListModelRunsRequest;
import dev.cdp.proto.v1.ModelRun;
import dev.cdp.proto.v1.ModelService;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.StartModelRunRequest;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AIPL stages under the default conditions (seen within 90 days; 3+ views in 7 days or a cart add
 * in 30; an order in 90 days; 2+ orders in 365 days or a CRM level), written as {@code aipl_stage}
 * through tag-service's SetTags (the test's stand-in, {@link PeerTags}), the funnel counted over a
 * segment's members, and the moves between stages from tag-service's history.
 */
@QuarkusTest
class AiplRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @GrpcClient("models")
    ModelService models;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void eachProfileIsAtItsFurthestStageAndTheFunnelCountsThemOnce() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Segment everyone = TestMembership.create(segments, "aipl " + cohort, "cohort = '" + cohort + "'");
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        String aware = profile(cohort, "last_seen_at", yesterday);
        String interested = profile(cohort, "last_seen_at", yesterday, "product_view_count_7d", 5);
        String buyer = profile(cohort, "last_seen_at", yesterday, "order_count_90d", 1, "order_count_365d", 1);
        String loyal = profile(cohort, "last_seen_at", yesterday, "order_count_90d", 1, "order_count_365d", 3);
        String gone =
                profile(cohort, "last_seen_at", Instant.now().minus(200, ChronoUnit.DAYS), "aipl_stage", "interest");
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, everyone).getSize() == 5);

        String run = given().queryParam("segment", everyone.getId())
                .post("/v1/models/aipl/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath done = TestRuns.finished(run);
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(
                Map.of("none", 1, "awareness", 1, "interest", 1, "purchase", 1, "loyalty", 1),
                done.getMap("metrics.funnel"));
        assertEquals(0.75, done.getDouble("metrics.conversion.'awareness→interest'"), 1e-4, "3 of the 4 aware went on");
        assertEquals(0.6667, done.getDouble("metrics.conversion.'interest→purchase'"), 1e-4);
        assertEquals(0.5, done.getDouble("metrics.conversion.'purchase→loyalty'"), 1e-4);

        assertEquals("awareness", PeerTags.set(aware).get("aipl_stage").getText());
        assertEquals("interest", PeerTags.set(interested).get("aipl_stage").getText());
        assertEquals("purchase", PeerTags.set(buyer).get("aipl_stage").getText());
        assertEquals("loyalty", PeerTags.set(loyal).get("aipl_stage").getText());
        assertTrue(PeerTags.removed(gone).contains("aipl_stage"), "a profile that left the funnel loses its stage");

        ModelRun overGrpc = models.startModelRun(StartModelRunRequest.newBuilder()
                        .setAipl(AiplRunParameters.newBuilder().setSegmentId(everyone.getId()))
                        .build())
                .await()
                .atMost(TIMEOUT);
        await().atMost(TIMEOUT)
                .until(() -> models.getModelRun(GetModelRunRequest.newBuilder()
                                .setId(overGrpc.getId())
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getStatus()
                        .equals("DONE"));
        assertEquals(
                java.util.List.of(overGrpc.getId(), run),
                models
                        .listModelRuns(ListModelRunsRequest.newBuilder()
                                .setModel("aipl")
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getRunsList()
                        .stream()
                        .map(ModelRun::getId)
                        .limit(2)
                        .toList());
    }

    @Test
    void theMovesBetweenTwoDatesComeFromTheTagsOfEach() {
        Instant now = Instant.now();
        Instant weekAgo = now.minus(7, ChronoUnit.DAYS);
        String converted = UUID.randomUUID().toString();
        String steady = UUID.randomUUID().toString();
        PeerTags.record(converted, 901, weekAgo, TestTags.of("last_seen_at", weekAgo));
        PeerTags.record(
                converted,
                901,
                now.minus(1, ChronoUnit.HOURS),
                TestTags.of("last_seen_at", now.minus(1, ChronoUnit.HOURS), "order_count_90d", 1));
        PeerTags.record(steady, 902, weekAgo, TestTags.of("last_seen_at", weekAgo, "cart_add_count_30d", 1));

        JsonPath moves = given().queryParam(
                        "from", weekAgo.plus(1, ChronoUnit.MINUTES).toString())
                .queryParam("to", now.toString())
                .get("/v1/models/aipl/transitions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, moves.getInt("moves.awareness.purchase"), moves.prettify());
        assertEquals(1, moves.getInt("moves.interest.interest"), moves.prettify());

        given().queryParam("from", now.toString())
                .queryParam("to", weekAgo.toString())
                .get("/v1/models/aipl/transitions")
                .then()
                .statusCode(400);
        given().get("/v1/models/aipl/transitions").then().statusCode(400);
    }

    private static String profile(String cohort, Object... namesAndValues) {
        String oneId = UUID.randomUUID().toString();
        Object[] all = new Object[namesAndValues.length + 2];
        all[0] = "cohort";
        all[1] = cohort;
        System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
        TestMembership.send(
                TestTags.changed(oneId, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), TestTags.of(all)));
        return oneId;
    }
}
