package dev.cdp.segment.growth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.proto.v1.GetModelRunRequest;
import dev.cdp.proto.v1.GetRfmGridRequest;
import dev.cdp.proto.v1.ListModelRunsRequest;
import dev.cdp.proto.v1.ModelRun;
import dev.cdp.proto.v1.ModelService;
import dev.cdp.proto.v1.RfmCell;
import dev.cdp.proto.v1.RfmGrid;
import dev.cdp.proto.v1.RfmRunParameters;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.StartModelRunRequest;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
 * An RFM run over a segment's members, from the tags segment-service holds, written back through
 * tag-service's SetTags (the test's stand-in, {@link PeerTags}). The ten customers are those of the
 * models' hand-computed CDNOW subset, so their codes are known: see RfmTest in models.
 */
@QuarkusTest
class RfmRunTest {

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
    void aRunScoresTheSegmentsCustomersWritesTheirTagsAndKeepsTheGrid() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Segment customers = TestMembership.create(segments, "rfm cohort " + cohort, "cohort = '" + cohort + "'");
        int[] days = {59, 260, 272, 272, 272, 66, 237, 272, 22, 272};
        int[] orders = {3, 2, 1, 1, 1, 8, 2, 1, 3, 1};
        double[] spend = {74.02, 75.11, 6.79, 13.97, 23.94, 552.18, 23.54, 32.91, 67.46, 30.32};
        String[] expected = {
            "544 Champions 一般价值",
            "335 Need attention 一般挽留",
            "111 Lost 一般挽留",
            "111 Lost 一般挽留",
            "112 Lost 一般挽留",
            "455 Loyal 重要价值",
            "432 Potential loyalists 一般挽留",
            "113 Lost 一般挽留",
            "544 Champions 一般价值",
            "113 Lost 一般挽留"
        };
        String[] people = new String[days.length];
        // Half a day less than whole days: the run, a moment later, still counts the same days.
        Instant now = Instant.now().minus(12, ChronoUnit.HOURS);
        for (int i = 0; i < days.length; i++) {
            people[i] = UUID.randomUUID().toString();
            TestMembership.send(TestTags.changed(
                    people[i],
                    ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE),
                    TestTags.of(
                            "cohort",
                            cohort,
                            "last_order_at",
                            now.minus(days[i], ChronoUnit.DAYS),
                            "order_count_total",
                            orders[i],
                            "total_spend",
                            spend[i])));
        }
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, customers).getSize() == days.length);

        String run = given().queryParam("segment", customers.getId())
                .post("/v1/models/rfm/runs")
                .then()
                .statusCode(202)
                .body("status", equalTo("RUNNING"))
                .body("parameters.scoring", equalTo("quintiles"))
                .extract()
                .path("id");
        JsonPath done = TestRuns.finished(run);
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(days.length, done.getInt("written"));
        assertEquals(days.length, done.getInt("metrics.customers"));

        for (int i = 0; i < people.length; i++) {
            Map<String, TagValue> tags = PeerTags.set(people[i]);
            assertEquals(
                    expected[i],
                    tags.get("rfm_code").getText() + " "
                            + tags.get("rfm_segment").getText() + " "
                            + tags.get("rfm_class").getText(),
                    "customer " + (i + 1));
        }
        JsonPath grid = given().get("/v1/models/rfm/grid")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> cells = grid.getList("cells");
        Map<String, Object> champions = cells.stream()
                .filter(cell -> ((Number) cell.get("r")).intValue() == 5 && ((Number) cell.get("f")).intValue() == 4)
                .findFirst()
                .orElseThrow();
        assertEquals(2, ((Number) champions.get("customers")).intValue(), "customers 1 and 9");
        // rest-assured reads JSON numbers as float: 141.48 to float precision.
        assertEquals(141.48, ((Number) champions.get("spend")).doubleValue(), 1e-4);
        assertEquals(run, grid.getString("runId"));
        assertTrue(
                given().get("/v1/models/rfm/runs")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("[0].id")
                        .equals(run),
                "the newest run first");

        ModelRun overGrpc = models.startModelRun(StartModelRunRequest.newBuilder()
                        .setRfm(RfmRunParameters.newBuilder().setSegmentId(customers.getId()))
                        .build())
                .await()
                .atMost(TIMEOUT);
        await().atMost(TIMEOUT)
                .until(() -> !models.getModelRun(GetModelRunRequest.newBuilder()
                                .setId(overGrpc.getId())
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getStatus()
                        .equals("RUNNING"));
        assertEquals(
                "DONE",
                models.getModelRun(GetModelRunRequest.newBuilder()
                                .setId(overGrpc.getId())
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getStatus());
        RfmGrid gridOverGrpc = models.getRfmGrid(GetRfmGridRequest.getDefaultInstance())
                .await()
                .atMost(TIMEOUT);
        assertEquals(overGrpc.getId(), gridOverGrpc.getRunId());
        RfmCell championsOverGrpc = gridOverGrpc.getCellsList().stream()
                .filter(cell -> cell.getR() == 5 && cell.getF() == 4)
                .findFirst()
                .orElseThrow();
        assertEquals(2, championsOverGrpc.getCustomers());
        assertEquals(141.48, championsOverGrpc.getSpend(), 1e-9);
        assertEquals(
                overGrpc.getId(),
                models.listModelRuns(ListModelRunsRequest.newBuilder()
                                .setModel("rfm")
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getRuns(0)
                        .getId());
        StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(
                StatusRuntimeException.class,
                () -> models.startModelRun(StartModelRunRequest.getDefaultInstance())
                        .await()
                        .atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    @Test
    void aRunWithNothingToScoreFailsSayingWhyAndWritesNoTag() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Segment browsers = TestMembership.create(segments, "rfm browsers " + cohort, "cohort = '" + cohort + "'");
        String browser = UUID.randomUUID().toString();
        TestMembership.send(TestTags.changed(
                browser, ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), TestTags.of("cohort", cohort)));
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, browsers).getSize() == 1);

        String run = given().queryParam("segment", browsers.getId())
                .post("/v1/models/rfm/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath failed = TestRuns.finished(run);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").contains("no profile has an order yet"), failed.prettify());
        assertTrue(PeerTags.set(browser).isEmpty());
    }

    @Test
    void aBadScoringOrAnUnknownSegmentIsRefused() {
        given().queryParam("scoring", "deciles")
                .post("/v1/models/rfm/runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("scoring"))
                .body("error", containsString("quintiles or mean"));
        given().queryParam("segment", "nope").post("/v1/models/rfm/runs").then().statusCode(404);
        given().get("/v1/models/runs/nope").then().statusCode(404);
    }
}
