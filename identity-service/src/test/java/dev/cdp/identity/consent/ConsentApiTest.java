package dev.cdp.identity.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.Consent;
import dev.cdp.proto.v1.ConsentStatus;
import dev.cdp.proto.v1.CountReachableRequest;
import dev.cdp.proto.v1.CountReachableResponse;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.Profile;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consent per purpose and channel: from the Segment API and the REST API, latest wins, merged as a union. */
@QuarkusTest
class ConsentApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void consentSentWithEventsIsRecordedWithItsEvidenceAndTheLatestDecisionWins() {
        String userId = "u-" + UUID.randomUUID();
        String first = send(
                "identify",
                Map.of(
                        "userId",
                        userId,
                        "messageId",
                        "m-" + UUID.randomUUID(),
                        "timestamp",
                        "2026-11-01T10:00:00Z",
                        "context",
                        Map.of("consent", Map.of("marketing", Map.of("sms", true, "email", false)))));
        String later = "m-" + UUID.randomUUID();
        send(
                "track",
                Map.of(
                        "userId",
                        userId,
                        "event",
                        "Unsubscribed",
                        "messageId",
                        later,
                        "timestamp",
                        "2026-11-02T10:00:00Z",
                        "context",
                        Map.of("source", "app", "consent", Map.of("marketing", Map.of("sms", false)))));

        JsonPath profile = given().get("/v1/profiles/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, profile.getList("consents").size());
        assertEquals(
                Map.of(
                        "purpose",
                        "marketing",
                        "channel",
                        "email",
                        "status",
                        "denied",
                        "source",
                        "demo",
                        "at",
                        "2026-11-01T10:00:00Z"),
                without(profile.getMap("consents[0]"), "evidence"));
        assertEquals(
                Map.of(
                        "purpose",
                        "marketing",
                        "channel",
                        "sms",
                        "status",
                        "denied",
                        "source",
                        "app",
                        "evidence",
                        later,
                        "at",
                        "2026-11-02T10:00:00Z"),
                profile.getMap("consents[1]"));
    }

    @Test
    void consentSetThroughTheApiIsReadableOverRestAndGrpc() {
        String oneId = send("identify", Map.of("userId", "u-" + UUID.randomUUID()));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "consent",
                        Map.of("analytics", true, "personalisation", Map.of("app_push", false)),
                        "source",
                        "preference-centre",
                        "evidence",
                        "form #4711"))
                .put("/v1/profiles/" + oneId + "/consents")
                .then()
                .statusCode(200)
                .body("consents", hasSize(2))
                .body("consents[0].purpose", equalTo("analytics"))
                .body("consents[0].channel", equalTo("all"))
                .body("consents[0].status", equalTo("granted"))
                .body("consents[0].evidence", equalTo("form #4711"));

        Profile profile = identity.getProfile(
                        GetProfileRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(Duration.ofSeconds(10));
        Consent push = profile.getConsentsList().stream()
                .filter(c -> c.getPurpose().equals("personalisation"))
                .findFirst()
                .orElseThrow();
        assertEquals("app_push", push.getChannel());
        assertEquals(ConsentStatus.DENIED, push.getStatus());
        assertEquals("preference-centre", push.getSource());
    }

    @Test
    void onAMergeTheSurvivorHoldsBothProfilesConsentsAndTheMostRecentDecisionWins() {
        String userId = "u-" + UUID.randomUUID();
        String device = "d-" + UUID.randomUUID();
        String survivor = send(
                "identify",
                Map.of(
                        "userId",
                        userId,
                        "timestamp",
                        "2026-10-01T00:00:00Z",
                        "context",
                        Map.of("consent", Map.of("marketing", Map.of("email", true, "wecom", true)))));
        send(
                "track",
                Map.of(
                        "anonymousId",
                        device,
                        "event",
                        "Opened",
                        "timestamp",
                        "2026-10-05T00:00:00Z",
                        "context",
                        Map.of("consent", Map.of("marketing", Map.of("email", false), "analytics", true))));

        String merged = send("identify", Map.of("userId", userId, "anonymousId", device));

        assertEquals(survivor, merged);
        JsonPath profile = given().get("/v1/profiles/" + merged)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> inForce = profile.getList("consents", Map.class).stream()
                .map(c -> c.get("purpose") + "/" + c.get("channel") + "=" + c.get("status"))
                .sorted()
                .toList();
        assertEquals(List.of("analytics/all=granted", "marketing/email=denied", "marketing/wecom=granted"), inForce);
    }

    @Test
    void aConsentThatNamesAnUnknownPurposeOrChannelIsRefusedWithTheFieldNamed() {
        SegmentApi.given()
                .body(Map.of(
                        "userId",
                        "u-" + UUID.randomUUID(),
                        "context",
                        Map.of("consent", Map.of("marketing", Map.of("fax", true)))))
                .post("/v1/identify")
                .then()
                .statusCode(400)
                .body("field", equalTo("context.consent.marketing.fax"))
                .body(
                        "error",
                        equalTo(
                                "context.consent.marketing.fax \"fax\" is not a consent channel; use one of all, app_push, email, sms, wecom"));
        SegmentApi.given()
                .body(Map.of("userId", "u-" + UUID.randomUUID(), "context", Map.of("consent", Map.of("ads", "yes"))))
                .post("/v1/identify")
                .then()
                .statusCode(400)
                .body("field", equalTo("context.consent.ads"));

        String oneId = send("identify", Map.of("userId", "u-" + UUID.randomUUID()));
        given().contentType(ContentType.JSON)
                .body(Map.of("consent", Map.of("marketing", Map.of("sms", "yes"))))
                .put("/v1/profiles/" + oneId + "/consents")
                .then()
                .statusCode(400)
                .body("error", equalTo("consent.marketing.sms: must be true (granted) or false (denied), got \"yes\""));
        given().contentType(ContentType.JSON)
                .body(Map.of("consent", Map.of("analytics", true)))
                .put("/v1/profiles/" + UUID.randomUUID() + "/consents")
                .then()
                .statusCode(404);
    }

    @Test
    void reachCountsOnlyProfilesWithTheChannelsIdentifierAndConsentInForce() {
        String digits = String.valueOf(10_000_000 + (int) (Math.random() * 89_999_999));
        String both = send(
                "identify",
                Map.of(
                        "userId",
                        "u-" + UUID.randomUUID(),
                        "traits",
                        Map.of("email", "reach-" + digits + "@example.com", "phone", "+86139" + digits)));
        String emailOnly = send(
                "identify",
                Map.of(
                        "userId",
                        "u-" + UUID.randomUUID(),
                        "traits",
                        Map.of("email", "only-" + digits + "@example.com")));
        String phoneOnly = send(
                "identify", Map.of("userId", "u-" + UUID.randomUUID(), "traits", Map.of("phone", "+86138" + digits)));
        consent(both, Map.of("marketing", true));
        consent(emailOnly, Map.of("marketing", true));
        // Later than the grant for all channels: email alone is refused.
        consent(emailOnly, Map.of("marketing", Map.of("email", false)));

        CountReachableResponse reach = identity.countReachable(CountReachableRequest.newBuilder()
                        .addAllOneIds(List.of(both, emailOnly, phoneOnly, "no-such-profile"))
                        .build())
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(Map.of("email", 1, "sms", 1, "app_push", 2, "wecom", 2), reach.getReachableMap());
        assertEquals(
                Map.of("email", 0, "sms", 0, "app_push", 0, "wecom", 0),
                identity.countReachable(CountReachableRequest.newBuilder()
                                .addAllOneIds(List.of(both, emailOnly))
                                .setPurpose("analytics")
                                .build())
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .getReachableMap(),
                "no decision for the purpose is no consent");
    }

    private static void consent(String oneId, Map<String, Object> consent) {
        given().contentType(ContentType.JSON)
                .body(Map.of("consent", consent, "source", "test"))
                .put("/v1/profiles/" + oneId + "/consents")
                .then()
                .statusCode(200);
    }

    private static String send(String type, Map<String, Object> event) {
        return SegmentApi.given()
                .body(event)
                .post("/v1/" + type)
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
