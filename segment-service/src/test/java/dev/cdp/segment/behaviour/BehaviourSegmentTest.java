package dev.cdp.segment.behaviour;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.rules.Behaviour;
import dev.cdp.rules.Rule;
import dev.cdp.segment.PeerTags;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments on what people did: a DID condition has tag-service compute the tag it reads (a
 * managed rule tag, retired with the last segment reading it) and is decided on that tag's values
 * as they arrive. tag-service is the test's stand-in (PeerTags); the end-to-end test checks the
 * real computation against the raw events.
 */
@QuarkusTest
class BehaviourSegmentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void aCountedBehaviourAsksTagServiceForItsTagAndDecidesOnItsCounts() {
        String sfx = suffix();
        String rule =
                "DID \"Product Viewed " + sfx + "\" WHERE properties.category = 'skincare' AT LEAST 3 TIMES IN 7 DAYS";
        String code = ((Behaviour.Did) Rule.compile(rule).condition()).tag().code();
        Segment viewers =
                TestMembership.create(segments, "skincare viewers " + sfx, rule + " AND cohort = '" + sfx + "'");

        TagDefinition asked = PeerTags.managed(code);
        assertEquals("ACTIVE", asked.getStatus());
        assertEquals("managed:segment-service", asked.getOwner());
        assertEquals("COUNT", asked.getRule().getFunction());
        assertEquals("Product Viewed " + sfx, asked.getRule().getEvent());
        assertEquals("properties.category = 'skincare'", asked.getRule().getWhere());
        assertEquals(7, asked.getRule().getWindowDays());
        assertEquals("NUMBER", asked.getValueType());

        String three = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        TestMembership.send(TestTags.changed(three, ordinal(), TestTags.of("cohort", sfx, code, 3)));
        TestMembership.send(TestTags.changed(two, ordinal(), TestTags.of("cohort", sfx, code, 2)));
        await().atMost(TIMEOUT).until(() -> TestMembership.isMember(segments, viewers, three));
        // Its own partition: seen once explain knows it.
        await().atMost(TIMEOUT)
                .until(() -> given().get("/v1/segments/" + viewers.getId() + "/explain/" + two)
                                .statusCode()
                        == 200);
        assertFalse(TestMembership.isMember(segments, viewers, two));

        given().get("/v1/segments/" + viewers.getId() + "/explain/" + two)
                .then()
                .statusCode(200)
                .body("member", equalTo(false))
                .body("explanation.parts[0].condition", equalTo(rule))
                .body("explanation.parts[0].result", equalTo(false))
                .body("explanation.parts[0].value", equalTo(2.0f));
    }

    @Test
    void didNotHoldsForPeopleWhoNeverCameAndFailsOnceTheyDo() {
        String sfx = suffix();
        String rule = "DID NOT \"Order Completed " + sfx + "\" IN 30 DAYS AND cohort = '" + sfx + "'";
        String code = Rule.compile(rule).eventTags().iterator().next().code();
        Segment lapsed = TestMembership.create(segments, "no orders " + sfx, rule);
        String never = UUID.randomUUID().toString();
        String ordered = UUID.randomUUID().toString();
        TestMembership.send(TestTags.changed(never, ordinal(), TestTags.of("cohort", sfx)));
        TestMembership.send(TestTags.changed(ordered, ordinal(), TestTags.of("cohort", sfx, code, 1)));
        await().atMost(TIMEOUT).until(() -> TestMembership.isMember(segments, lapsed, never));
        assertFalse(TestMembership.isMember(segments, lapsed, ordered));
        TestMembership.send(TestTags.changed(never, ordinal(), TestTags.of("cohort", sfx, code, 1)));
        await().atMost(TIMEOUT).until(() -> !TestMembership.isMember(segments, lapsed, never));
    }

    @Test
    void aSequenceWaitsOutItsSpanAndEndsWithTheSecondEvent() {
        String sfx = suffix();
        String rule = "DID \"Cart Added " + sfx + "\" THEN NOT \"Order Completed " + sfx + "\" WITHIN 2 HOURS";
        Behaviour.ThenNot sequence = (Behaviour.ThenNot) Rule.compile(rule).condition();
        Segment abandoned = TestMembership.create(segments, "abandoned carts " + sfx, rule);
        assertEquals(
                "LAST", PeerTags.managed(sequence.firstTag().code()).getRule().getFunction());
        assertEquals("TIMESTAMP", PeerTags.managed(sequence.thenTag().code()).getValueType());

        Instant now = Instant.now();
        String waiting = UUID.randomUUID().toString();
        String converted = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String cart = sequence.firstTag().code();
        String order = sequence.thenTag().code();
        TestMembership.send(TestTags.changed(waiting, ordinal(), TestTags.of(cart, now.minus(Duration.ofHours(3)))));
        TestMembership.send(TestTags.changed(
                converted,
                ordinal(),
                TestTags.of(cart, now.minus(Duration.ofHours(3)), order, now.minus(Duration.ofHours(2)))));
        TestMembership.send(TestTags.changed(recent, ordinal(), TestTags.of(cart, now.minus(Duration.ofMinutes(30)))));
        await().atMost(TIMEOUT).until(() -> TestMembership.isMember(segments, abandoned, waiting));
        assertFalse(TestMembership.isMember(segments, abandoned, converted));
        assertFalse(TestMembership.isMember(segments, abandoned, recent), "the two hours have not passed");

        TestMembership.send(
                TestTags.changed(waiting, ordinal(), TestTags.of(cart, now.minus(Duration.ofHours(3)), order, now)));
        await().atMost(TIMEOUT).until(() -> !TestMembership.isMember(segments, abandoned, waiting));
    }

    @Test
    void theJsonTreeAndTheTextAreOneCondition() {
        String sfx = suffix();
        String tree = """
                {"name": "big spenders %s", "definition": {"version": 1, "condition": {"all": [
                  {"did": "Order Completed %s", "where": {"tag": "channel", "op": "=", "value": "app"},
                   "sum": "properties.revenue", "op": ">=", "value": 500, "days": 30},
                  {"did": "Cart Added %s", "thenNot": "Order Completed %s", "hours": 2}]}}}""".formatted(sfx, sfx, sfx, sfx);
        given().contentType(ContentType.JSON)
                .body(tree)
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .body(
                        "rule",
                        equalTo("DID \"Order Completed " + sfx + "\" WHERE channel = 'app' WITH SUM(properties.revenue)"
                                + " >= 500 IN 30 DAYS AND DID \"Cart Added " + sfx + "\" THEN NOT \"Order Completed "
                                + sfx + "\" WITHIN 2 HOURS"))
                .body("definition.condition.all[0].sum", equalTo("properties.revenue"))
                .body("definition.condition.all[1].thenNot", equalTo("Order Completed " + sfx));
    }

    @Test
    void badBehavioursAreRefusedWithThePositionOrPathAndTheReason() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "bad window " + suffix(), "rule", "DID \"Order Completed\" IN 14 DAYS"))
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("rule"))
                .body(
                        "error",
                        containsString(
                                "14 days is not a window: behaviour counts over 1, 7, 30, 90 or 365 days at position 25"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "bad filter", "definition": {"version": 1, "condition": {"any": [
                          {"tag": "vip", "op": "=", "value": true},
                          {"did": "Order Completed", "where": {"tag": "vip", "op": "=", "value": true}, "days": 7}]}}}""")
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("definition.condition.any[1].where"))
                .body("error", containsString("'vip' is no field of an event"));
    }

    @Test
    void aPreviewSaysWhichBehavioursTagServiceDoesNotComputeYet() {
        String rule = "DID \"Never Seen " + suffix() + "\" IN 7 DAYS";
        given().contentType(ContentType.JSON)
                .body(Map.of("rule", rule + " AND vip = true"))
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("notYetComputed", contains(rule));
    }

    @Test
    void archivingTheLastSegmentReadingABehaviourRetiresItsTag() {
        String sfx = suffix();
        String rule = "DID \"Coupon Used " + sfx + "\" IN 1 DAY";
        String code = Rule.compile(rule).eventTags().iterator().next().code();
        Segment first = TestMembership.create(segments, "coupon a " + sfx, rule);
        Segment second = TestMembership.create(segments, "coupon b " + sfx, rule + " AND vip = true");
        given().delete("/v1/segments/" + first.getId()).then().statusCode(200);
        await().during(Duration.ofSeconds(1))
                .atMost(TIMEOUT)
                .until(() -> "ACTIVE".equals(PeerTags.managed(code).getStatus()));
        given().delete("/v1/segments/" + second.getId()).then().statusCode(200);
        await().atMost(TIMEOUT)
                .until(() -> "RETIRED".equals(PeerTags.managed(code).getStatus()));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int ordinal() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }
}
