package dev.cdp.segment.growth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cdp.models.Purchase;
import dev.cdp.models.ltv.CdnowData;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lifetime value fitted on the orders tag-service's event log holds (the test's stand-in,
 * {@link PeerTags}, logs the CDNOW sample's 6,919 purchases as "Order Completed" events): the run
 * reproduces the published BG/NBD and Gamma-Gamma estimates and writes each customer's tags.
 */
@QuarkusTest
class LtvRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFIX = "cdnow-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeAll
    static void logTheCdnowSample() throws IOException {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
        Path sample = CdnowData.folder().resolve("CDNOW_sample.txt");
        assumeTrue(Files.isRegularFile(sample), "no CDNOW data at " + sample.toAbsolutePath() + ": skipped");
        for (Purchase purchase : CdnowData.read(sample)) {
            PeerTags.logEvent(
                    PREFIX + purchase.customerId(),
                    Event.newBuilder()
                            .setType(EventType.TRACK)
                            .setEvent("Order Completed")
                            .setMessageId(UUID.randomUUID().toString())
                            .setTimestamp(ProtoTime.timestamp(
                                    purchase.date().atTime(12, 0).toInstant(ZoneOffset.UTC)))
                            .setProperties(Struct.newBuilder()
                                    .putFields(
                                            "revenue",
                                            Value.newBuilder()
                                                    .setNumberValue(purchase.amount())
                                                    .build()))
                            .build());
        }
    }

    @Test
    void aRunOnTheCdnowOrdersReproducesThePublishedEstimatesAndWritesEachCustomersTags() {
        String run = given().queryParam("calibrationEnd", "1997-09-30")
                .post("/v1/models/ltv/runs")
                .then()
                .statusCode(202)
                .body("parameters.calibrationEnd", equalTo("1997-09-30"))
                .extract()
                .path("id");
        JsonPath done = TestRuns.finished(run);
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(2357, done.getInt("metrics.customers"));
        assertEquals(946, done.getInt("metrics.repeatCustomers"));
        assertEquals(2357, done.getInt("written"));
        assertEquals(0.243, done.getDouble("metrics.bgnbd.r"), 0.0005);
        assertEquals(4.414, done.getDouble("metrics.bgnbd.alpha"), 0.0005);
        assertEquals(0.793, done.getDouble("metrics.bgnbd.a"), 0.0005);
        assertEquals(2.426, done.getDouble("metrics.bgnbd.b"), 0.0005);
        assertEquals(6.25, done.getDouble("metrics.gammaGamma.p"), 0.005);
        assertEquals(3.74, done.getDouble("metrics.gammaGamma.q"), 0.005);
        assertEquals(15.44, done.getDouble("metrics.gammaGamma.v"), 0.005);

        // Customer 1: two repeat purchases, the last at week 30.43 of 38.86.
        Map<String, TagValue> first = PeerTags.set(PREFIX + "1");
        double pAlive = first.get("p_alive").getNumber();
        assertTrue(pAlive > 0.5 && pAlive < 1, "a customer who bought recently is likely alive: " + pAlive);
        assertTrue(first.get("ltv_predicted").getNumber() > 0);
        assertTrue(first.get("expected_orders_90d").getNumber() > 0);
        // Customer 3 bought once, on the first day: no repeat purchase, so P(alive) is 1.
        assertEquals(1.0, PeerTags.set(PREFIX + "3").get("p_alive").getNumber(), 1e-12);
    }

    @Test
    void tooLittleHistoryFailsTheRunSayingWhyAndABadDayIsRefused() {
        String run = given().queryParam("calibrationEnd", "1997-01-01")
                .post("/v1/models/ltv/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath failed = TestRuns.finished(run);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").contains("repeat customers"), failed.prettify());
        assertEquals(0, failed.getInt("written"));

        given().queryParam("calibrationEnd", "30/09/1997")
                .post("/v1/models/ltv/runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("calibrationEnd"));
        given().queryParam(
                        "calibrationEnd",
                        LocalDate.now(ZoneOffset.UTC).plusDays(2).toString())
                .post("/v1/models/ltv/runs")
                .then()
                .statusCode(400)
                .body("error", containsString("must not be after today"));
    }
}
