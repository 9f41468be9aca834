package dev.cdp.segment.insight;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.GetInsightRequest;
import dev.cdp.proto.v1.GetOverlapRequest;
import dev.cdp.proto.v1.ListSizesRequest;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentInsight;
import dev.cdp.proto.v1.SegmentOverlap;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.ValueInsight;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Persona insight on a distribution built to be known: each share and TGI worked out by hand. */
@QuarkusTest
class PersonaInsightTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @Inject
    Pool pool;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void tgiOverlapAndSizeOverTimeOfAKnownDistribution() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Segment everyone = TestMembership.create(segments, "cohort " + cohort, "cohort = '" + cohort + "'");
        Segment vips = TestMembership.create(segments, "vip " + cohort, "cohort = '" + cohort + "' AND vip = true");
        // Ten people: four in Shanghai (three of them VIPs), six in Beijing (one VIP).
        List<Object[]> people = List.of(
                new Object[] {"Shanghai", true, 1.0},
                new Object[] {"Shanghai", true, 2.0},
                new Object[] {"Shanghai", true, 3.0},
                new Object[] {"Shanghai", false, 4.0},
                new Object[] {"Beijing", true, 5.0},
                new Object[] {"Beijing", false, 6.0},
                new Object[] {"Beijing", false, 7.0},
                new Object[] {"Beijing", false, 8.0},
                new Object[] {"Beijing", false, 9.0},
                new Object[] {"Beijing", false, 10.0});
        for (Object[] person : people) {
            TestMembership.send(TestTags.changed(
                    UUID.randomUUID().toString(),
                    ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE),
                    TestTags.of("cohort", cohort, "city", person[0], "vip", person[1], "total_spend", person[2])));
        }
        await().atMost(TIMEOUT)
                .until(() -> TestMembership.get(segments, everyone).getSize() == 10
                        && TestMembership.get(segments, vips).getSize() == 4);

        JsonPath insight = given().queryParam("tags", "city,vip,total_spend")
                .queryParam("against", everyone.getId())
                .get("/v1/segments/" + vips.getId() + "/insight")
                .then()
                .statusCode(200)
                .body("members", equalTo(4))
                .body("population", equalTo(10))
                .extract()
                .jsonPath();
        Map<String, Object> shanghai = value(insight, "city", "Shanghai");
        assertValue(shanghai, 3, 0.75, 4, 0.4, 187.5);
        assertValue(value(insight, "city", "Beijing"), 1, 0.25, 6, 0.6, 41.6667);
        assertValue(value(insight, "vip", "true"), 4, 1.0, 4, 0.4, 250.0);
        assertValue(value(insight, "vip", "false"), 0, 0.0, 6, 0.6, 0.0);
        // Spend in five ranges of two people each: the VIPs sit in the lower three.
        assertValue(value(insight, "total_spend", "1–2"), 2, 0.5, 2, 0.2, 250.0);
        assertValue(value(insight, "total_spend", "9–10"), 0, 0.0, 2, 0.2, 0.0);
        assertEquals(
                List.of("vip", "total_spend", "city", "total_spend", "total_spend"),
                insight.getList("overIndexed.tag"));
        assertEquals(List.of(250.0f, 250.0f, 187.5f, 125.0f, 125.0f), insight.getList("overIndexed.tgi"));
        assertEquals(List.of("true", "1–2", "Shanghai", "3–4", "5–6"), insight.getList("overIndexed.value"));
        assertEquals(0.0f, (Float) insight.getList("underIndexed.tgi").get(0));

        given().get("/v1/segments/" + vips.getId() + "/overlap?with=" + everyone.getId())
                .then()
                .statusCode(200)
                .body("size", equalTo(4))
                .body("otherSize", equalTo(10))
                .body("both", equalTo(4))
                .body("jaccard", equalTo(0.4f));

        SegmentInsight overGrpc = segments.getInsight(GetInsightRequest.newBuilder()
                        .setSegmentId(vips.getId())
                        .addTags("city")
                        .setAgainst(everyone.getId())
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals(4, overGrpc.getMembers());
        ValueInsight shanghaiOverGrpc = overGrpc.getTags(0).getValuesList().stream()
                .filter(value -> value.getValue().equals("Shanghai"))
                .findFirst()
                .orElseThrow();
        assertEquals(187.5, shanghaiOverGrpc.getTgi(), 1e-3);
        assertEquals(0.4, shanghaiOverGrpc.getPopulationShare(), 1e-4);
        SegmentOverlap overlap = segments.getOverlap(GetOverlapRequest.newBuilder()
                        .setSegmentId(vips.getId())
                        .setOtherId(everyone.getId())
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals(4, overlap.getBoth());
        assertEquals(0.4, overlap.getJaccard(), 1e-9);

        await().atMost(TIMEOUT)
                .until(() -> segments
                        .listSizes(ListSizesRequest.newBuilder()
                                .setSegmentId(vips.getId())
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getSizesList()
                        .stream()
                        .anyMatch(size -> size.getSize() == 4));
        await().atMost(TIMEOUT)
                .until(() -> given().get("/v1/segments/" + vips.getId() + "/sizes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("size", Integer.class)
                        .contains(4));
    }

    @Test
    void insightNamesTheTagsItCannotBreakDown() {
        Segment any = TestMembership.create(segments, "any " + UUID.randomUUID(), "vip = true");
        given().get("/v1/segments/" + any.getId() + "/insight")
                .then()
                .statusCode(400)
                .body("field", equalTo("tags"));
        given().get("/v1/segments/" + any.getId() + "/insight?tags=citty")
                .then()
                .statusCode(400)
                .body("error", containsString("citty is no tag of the catalogue; did you mean city?"));
        given().get("/v1/segments/" + any.getId() + "/overlap")
                .then()
                .statusCode(400)
                .body("field", equalTo("with"));
        given().get("/v1/segments/nope/insight?tags=city").then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    @Test
    void asOfAPastMomentTheInsightCountsTheMembersAndTagsOfThen() {
        String cohort = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Instant weekAgo = now.minus(7, ChronoUnit.DAYS);
        Segment everyone = TestMembership.create(segments, "cohort then " + cohort, "cohort = '" + cohort + "'");
        Segment big = TestMembership.create(
                segments, "big spenders then " + cohort, "cohort = '" + cohort + "' AND total_spend > 100");
        TestMembership.backdate(pool, everyone, now.minus(10, ChronoUnit.DAYS));
        TestMembership.backdate(pool, big, now.minus(10, ChronoUnit.DAYS));
        // A week ago: three in Shanghai (two spent over 100), one in Beijing who spent 20 and,
        // yesterday, 900.
        recordSince(weekAgo, UUID.randomUUID().toString(), 1, cohort, "Shanghai", 500);
        recordSince(weekAgo, UUID.randomUUID().toString(), 2, cohort, "Shanghai", 50);
        recordSince(weekAgo, UUID.randomUUID().toString(), 3, cohort, "Shanghai", 300);
        String beijing = UUID.randomUUID().toString();
        recordSince(weekAgo, beijing, 4, cohort, "Beijing", 20);
        recordSince(now.minus(1, ChronoUnit.DAYS), beijing, 4, cohort, "Beijing", 900);

        JsonPath then = insightAt(big, everyone, weekAgo.plus(1, ChronoUnit.HOURS));
        assertEquals(2, then.getInt("members"));
        assertEquals(4, then.getInt("population"));
        assertValue(value(then, "city", "Shanghai"), 2, 1.0, 3, 0.75, 133.3333);
        assertValue(value(then, "city", "Beijing"), 0, 0.0, 1, 0.25, 0.0);
        SegmentInsight thenOverGrpc = segments.getInsight(GetInsightRequest.newBuilder()
                        .setSegmentId(big.getId())
                        .addTags("city")
                        .setAgainst(everyone.getId())
                        .setAsOf(ProtoTime.timestamp(weekAgo.plus(1, ChronoUnit.HOURS)))
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals(2, thenOverGrpc.getMembers());
        assertEquals(4, thenOverGrpc.getPopulation());

        JsonPath today = insightAt(big, everyone, Instant.now());
        assertEquals(3, today.getInt("members"), "the Beijing buyer's order of yesterday counts now");
        assertValue(value(today, "city", "Shanghai"), 2, 0.6667, 3, 0.75, 88.8889);
        assertValue(value(today, "city", "Beijing"), 1, 0.3333, 1, 0.25, 133.3333);

        given().queryParam("tags", "city")
                .queryParam("at", "2000-01-01T00:00:00Z")
                .get("/v1/segments/" + big.getId() + "/insight")
                .then()
                .statusCode(400)
                .body("field", equalTo("at"))
                .body("error", containsString("was created at"));
    }

    /** The profile's tags in tag-service's history from {@code since} on. */
    private static void recordSince(Instant since, String oneId, int ordinal, String cohort, String city, int spend) {
        PeerTags.record(oneId, ordinal, since, TestTags.of("cohort", cohort, "city", city, "total_spend", spend));
    }

    private static JsonPath insightAt(Segment segment, Segment against, Instant at) {
        return given().queryParam("tags", "city")
                .queryParam("against", against.getId())
                .queryParam("at", at.toString())
                .get("/v1/segments/" + segment.getId() + "/insight")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> value(JsonPath insight, String tag, String value) {
        List<Map<String, Object>> tags = insight.getList("tags");
        return tags.stream()
                .filter(t -> t.get("tag").equals(tag))
                .flatMap(t -> ((List<Map<String, Object>>) t.get("values")).stream())
                .filter(v -> value.equals(v.get("value")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + tag + " = " + value + " in " + insight.prettify()));
    }

    private static void assertValue(
            Map<String, Object> value,
            int members,
            double memberShare,
            int population,
            double populationShare,
            double tgi) {
        assertEquals(members, ((Number) value.get("members")).intValue(), value.toString());
        assertEquals(memberShare, ((Number) value.get("memberShare")).doubleValue(), 1e-4);
        assertEquals(population, ((Number) value.get("population")).intValue());
        assertEquals(populationShare, ((Number) value.get("populationShare")).doubleValue(), 1e-4);
        assertEquals(tgi, ((Number) value.get("tgi")).doubleValue(), 1e-3, value.toString());
    }
}
