package dev.cdp.segment.asof;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.ListMembersAsOfRequest;
import dev.cdp.proto.v1.MemberAsOf;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.proto.v1.UpdateSegmentRequest;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A segment's members as of a past date, decided over tag-service's ScanTags (a stand-in served by
 * the test, {@link PeerTags}), and profile_tags filled from it on an upgrade, against the real
 * PostgreSQL and Kafka. Each test's rule requires a fresh cohort value.
 */
@QuarkusTest
class AsOfTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @GrpcClient("segments")
    SegmentService segments;

    @Inject
    ProfileTagsFill fill;

    @Inject
    Pool pool;

    @Test
    void asOfADateTheRuleInForceThenDecidesOverTheTagsOfThenWithThatDateAsNow() {
        String cohort = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Instant weekAgo = now.minus(7, ChronoUnit.DAYS);
        Instant fiveDaysAgo = now.minus(5, ChronoUnit.DAYS);
        Segment segment = create(
                "recent big buyers " + cohort,
                "cohort = '" + cohort + "' AND total_spend > 100 AND last_order_at WITHIN 1 DAYS");
        TestMembership.backdate(pool, segment, now.minus(10, ChronoUnit.DAYS));
        segments.updateSegment(UpdateSegmentRequest.newBuilder()
                        .setId(segment.getId())
                        .setRule("cohort = '" + cohort + "' AND total_spend > 1000 AND last_order_at WITHIN 1 DAYS")
                        .build())
                .await()
                .atMost(TIMEOUT);
        String buyer = UUID.randomUUID().toString();
        String lapsed = UUID.randomUUID().toString();
        PeerTags.record(
                buyer,
                11,
                weekAgo,
                TestTags.of("cohort", cohort, "total_spend", 500, "last_order_at", weekAgo.minus(1, ChronoUnit.HOURS)));
        PeerTags.record(buyer, 11, fiveDaysAgo, Map.of());
        PeerTags.record(
                lapsed,
                12,
                weekAgo,
                TestTags.of("cohort", cohort, "total_spend", 500, "last_order_at", weekAgo.minus(3, ChronoUnit.DAYS)));
        PeerTags.record(
                buyer,
                11,
                now.minus(1, ChronoUnit.HOURS),
                TestTags.of("cohort", cohort, "total_spend", 500, "last_order_at", now.minus(2, ChronoUnit.HOURS)));

        Instant thatDay = weekAgo.plus(1, ChronoUnit.MINUTES);
        List<MemberAsOf> then = asOf(segment, thatDay);
        assertEquals(
                1, then.size(), "an order an hour before counts WITHIN 1 DAYS of that day; three days before does not");
        assertEquals(buyer, then.get(0).getOneId());
        assertEquals(11, then.get(0).getOrdinal());
        assertEquals(1, then.get(0).getVersion(), "the rule in force that day, before the edit");
        assertTrue(asOf(segment, fiveDaysAgo.plus(1, ChronoUnit.MINUTES)).isEmpty(), "the buyer had no tags then");
        assertTrue(asOf(segment, Instant.now()).isEmpty(), "the edited rule (spend over 1000) holds for nobody now");

        given().queryParam("at", thatDay.toString())
                .when()
                .get("/v1/segments/" + segment.getId() + "/members/as-of")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("version", equalTo(1))
                .body("members.oneId", contains(buyer))
                .body("members.ordinal", contains(11));
        given().queryParam("at", thatDay.toString())
                .queryParam("after", buyer)
                .when()
                .get("/v1/segments/" + segment.getId() + "/members/as-of")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("members", empty());
    }

    @Test
    void aMomentBeforeTheSegmentOrInTheFutureOrNotADateIsRefusedNamingTheField() {
        Segment segment = create("as of refusals " + UUID.randomUUID(), "total_spend > 1");
        String path = "/v1/segments/" + segment.getId() + "/members/as-of";
        given().queryParam("at", "2000-01-01T00:00:00Z")
                .when()
                .get(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("at"))
                .body("error", containsString("was created at"));
        given().queryParam("at", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                .when()
                .get(path)
                .then()
                .statusCode(400)
                .body("error", containsString("must not be in the future"));
        given().queryParam("at", "yesterday")
                .when()
                .get(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("at"));
        given().queryParam("at", Instant.now().toString())
                .when()
                .get("/v1/segments/" + UUID.randomUUID() + "/members/as-of")
                .then()
                .statusCode(404);
    }

    @Test
    void aFillFromTagServiceBringsUnchangedProfilesIntoSegmentsAndKeepsTheConsumersNewerTags() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("filled " + cohort, "cohort = '" + cohort + "' AND total_spend > 100");
        String unchanged = UUID.randomUUID().toString();
        String changedSince = UUID.randomUUID().toString();
        Instant read = Instant.now().minus(1, ChronoUnit.MINUTES);
        PeerTags.record(unchanged, 21, read, TestTags.of("cohort", cohort, "total_spend", 500));
        PeerTags.record(changedSince, 22, read, TestTags.of("cohort", cohort, "total_spend", 500));
        TagsChanged newer = TestTags.changed(changedSince, 22, TestTags.of("cohort", cohort, "total_spend", 50));
        TestKafka.send(
                "cdp.tags.changed", changedSince, newer.toByteArray(), Map.of("cdp-schema", "cdp.v1.TagsChanged"));
        await().atMost(TIMEOUT).until(() -> storedProfile(changedSince));

        forgetTheFill();
        assertTrue(fill.fillUnlessFilled().await().atMost(TIMEOUT), "never filled: it fills");
        assertFalse(fill.fillUnlessFilled().await().atMost(TIMEOUT), "filled once, it does not again");

        await().atMost(TIMEOUT).until(() -> isMember(segment, unchanged));
        await().atMost(TIMEOUT)
                .until(() -> given().when()
                        .get("/v1/segments/" + segment.getId())
                        .then()
                        .extract()
                        .path("backfill.state")
                        .equals("DONE"));
        assertFalse(
                isMember(segment, changedSince),
                "the consumer's snapshot (spend 50) is newer than tag-service's read and stays");
    }

    private List<MemberAsOf> asOf(Segment segment, Instant at) {
        return segments.listMembersAsOf(ListMembersAsOfRequest.newBuilder()
                        .setSegmentId(segment.getId())
                        .setAsOf(ProtoTime.timestamp(at))
                        .build())
                .collect()
                .asList()
                .await()
                .atMost(TIMEOUT);
    }

    private void forgetTheFill() {
        pool.query("delete from profile_tags_fill").execute().await().atMost(TIMEOUT);
    }

    private boolean storedProfile(String oneId) {
        return pool.preparedQuery("select 1 from profile_tags where one_id = $1")
                        .execute(Tuple.of(oneId))
                        .await()
                        .atMost(TIMEOUT)
                        .size()
                == 1;
    }

    private Segment create(String name, String rule) {
        return TestMembership.create(segments, name, rule);
    }

    private boolean isMember(Segment segment, String oneId) {
        return TestMembership.isMember(segments, segment, oneId);
    }
}
