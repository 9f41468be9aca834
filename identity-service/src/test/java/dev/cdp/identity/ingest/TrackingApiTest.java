package dev.cdp.identity.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Segment tracking API against real PostgreSQL and Kafka. */
@QuarkusTest
class TrackingApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final String RESOLVED = "cdp.events.resolved";

    @Test
    void identifiersSeenTogetherResolveToOneProfileAndEventsAreTaggedWithIt() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String anonymous = "anon-" + UUID.randomUUID();
        String email = user + "@Example.com";
        try (TestKafka.Watch resolved = TestKafka.watch(RESOLVED)) {
            String oneId = post("identify", """
                    {"userId": "%s", "traits": {"email": "%s", "name": "Ada"}, "context": {"channel": "web"}}
                    """.formatted(user, email)).path("oneId");
            String fromApp =
                    post("track", """
                    {"anonymousId": "%s", "event": "Product Viewed",
                     "context": {"channel": "app", "traits": {"email": "%s"}}}
                    """.formatted(anonymous, email.toLowerCase())).path("oneId");
            assertEquals(oneId, fromApp, "the app visitor with the same email is the same person");

            given().queryParam("type", "anonymous_id")
                    .queryParam("value", anonymous)
                    .when()
                    .get("/v1/profiles")
                    .then()
                    .statusCode(200)
                    .body("oneId", equalTo(oneId))
                    .body("traits.name", equalTo("Ada"))
                    .body("identifiers.type", hasItem("email"))
                    .body("identifiers.value", hasItem(email.toLowerCase()));

            List<ConsumerRecord<String, byte[]>> records =
                    resolved.awaitAll(r -> oneId.equals(r.key()), 2, Duration.ofSeconds(20));
            ResolvedEvent track = ResolvedEvent.parseFrom(records.get(1).value());
            assertEquals(EventType.TRACK, track.getEvent().getType());
            assertEquals("Product Viewed", track.getEvent().getEvent());
            assertEquals("app", track.getEvent().getContext().getChannel());
            assertEquals(oneId, track.getOneId());
            assertTrue(track.getOrdinal() > 0, "every profile has a dense ordinal");
            assertEquals("cdp.v1.ResolvedEvent", TestKafka.header(records.get(1), "cdp-schema"));
        }
    }

    @Test
    void theSameMessageIdTwiceIsAcceptedButCountedOnce() {
        String user = "user-" + UUID.randomUUID();
        String body = """
                {"userId": "%s", "messageId": "%s", "event": "Order Completed", "properties": {"revenue": 10}}
                """.formatted(user, UUID.randomUUID());
        try (TestKafka.Watch resolved = TestKafka.watch(RESOLVED)) {
            String oneId = post("track", body).path("oneId");
            SegmentApi.given()
                    .body(body)
                    .when()
                    .post("/v1/track")
                    .then()
                    .statusCode(200)
                    .body("duplicate", is(true))
                    .body("oneId", equalTo(oneId));
            assertEquals(
                    1,
                    resolved.collectFor(r -> oneId.equals(r.key()), Duration.ofSeconds(3))
                            .size());
        }
    }

    @Test
    void aNewPersonSentByManyRequestsAtOnceBecomesOneProfile() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String email = user + "@example.com";
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Half name the person by userId, half by email, all with both: every request races to create them.
            String body = "{\"userId\": \"%s\", \"anonymousId\": \"device-%d-%s\", \"traits\": {\"email\": \"%s\"}}"
                    .formatted(user, i, user, email);
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/identify"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", SegmentApi.authorization(SegmentApi.DEMO_WRITE_KEY))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> oneIds = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            oneIds.add(io.restassured.path.json.JsonPath.from(response.body()).getString("oneId"));
        }
        assertEquals(1, oneIds.size(), "one person, one OneID: " + oneIds);
        given().queryParam("type", "email")
                .queryParam("value", email)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("oneId", equalTo(oneIds.iterator().next()))
                .body("identifiers", hasSize(10));
    }

    @Test
    void aSharedDeviceDoesNotMergeTwoMembersAndTheRefusalIsExplained() {
        String device = "family-tablet-" + UUID.randomUUID();
        String mum = post("identify", "{\"userId\": \"mum-%s\", \"anonymousId\": \"%s\"}".formatted(device, device))
                .path("oneId");
        String son = post("identify", "{\"userId\": \"son-%s\", \"anonymousId\": \"%s\"}".formatted(device, device))
                .path("oneId");

        assertTrue(!mum.equals(son), "two members on one device stay two people");
        given().when()
                .get("/v1/profiles/" + mum)
                .then()
                .statusCode(200)
                .body("identifiers.value", hasItem(device))
                .body("identifiers", hasSize(2));
        given().when()
                .get("/v1/profiles/" + son + "/refused-links")
                .then()
                .statusCode(200)
                .body("identifier", hasItem("anonymous_id:" + device))
                .body("ownerOneId", hasItem(mum))
                .body("reason", hasItem("merging would give one profile 2 user_id (limit 1)"));
    }

    @Test
    void placeholderIdsAreNeverLinkedOnAndAnEventWithOnlyAPlaceholderIsRejected() {
        String first = post(
                        "track",
                        "{\"userId\": \"p1-%s\", \"anonymousId\": \"undefined\", \"event\": \"x\"}"
                                .formatted(UUID.randomUUID()))
                .path("oneId");
        String second = post(
                        "track",
                        "{\"userId\": \"p2-%s\", \"anonymousId\": \"undefined\", \"event\": \"x\"}"
                                .formatted(UUID.randomUUID()))
                .path("oneId");

        assertTrue(!first.equals(second), "\"undefined\" joins nobody");
        given().when().get("/v1/profiles/" + first).then().statusCode(200).body("identifiers", hasSize(1));
        rejects(
                "track",
                "{\"anonymousId\": \"00000000-0000-0000-0000-000000000000\", \"event\": \"x\"}",
                "anonymousId",
                "is a placeholder value, not an identifier");
    }

    @Test
    void externalIdsDeviceIdsAndTraitsOfAnyConfiguredTypeAreIdentifiers() {
        String run = UUID.randomUUID().toString();
        String oneId = post("identify", """
                {"userId": "u-%1$s", "traits": {"member_card": "M-%1$s"},
                 "context": {"externalIds": [
                     {"id": "crm-%1$s", "type": "crm_id", "collection": "users", "encoding": "none"},
                     {"id": "wx8f1a2b3c4d5e6f70:o-%1$s", "type": "wechat_openid", "collection": "users", "encoding": "none"}],
                   "device": {"id": "DEV-%1$s", "advertisingId": "00000000-0000-0000-0000-000000000000"}}}
                """.formatted(run)).path("oneId");
        String atTheTill = post("track", """
                {"anonymousId": "pos-%1$s", "event": "Order Completed", "context": {"traits": {"member_card": "M-%1$s"}}}
                """.formatted(run)).path("oneId");

        assertEquals(oneId, atTheTill, "the POS knows the member card only");
        given().when()
                .get("/v1/profiles/" + oneId)
                .then()
                .statusCode(200)
                .body("identifiers", hasSize(6))
                .body("identifiers.findAll { it.type == 'crm_id' }.value", hasItem("crm-" + run))
                .body(
                        "identifiers.findAll { it.type == 'wechat_openid' }.value",
                        hasItem("wx8f1a2b3c4d5e6f70:o-" + run))
                .body("identifiers.findAll { it.type == 'device_id' }.value", hasItem("dev-" + run))
                .body("identifiers.findAll { it.type == 'member_card' }.value", hasItem("M-" + run));
    }

    @Test
    void unknownOrMalformedExternalIdsAreRejectedWithTheFieldNamed() {
        rejects(
                "identify",
                """
                {"userId": "u-1", "context": {"externalIds": [{"id": "c-1", "type": "crm_id"}, {"id": "x", "type": "foo"}]}}
                """,
                "context.externalIds[1].type",
                "context.externalIds[1].type \"foo\" is not a known identifier type; known: user_id, email, phone, crm_id");
        rejects(
                "identify",
                """
                {"userId": "u-1", "context": {"externalIds": [{"id": "oABC", "type": "wechat_openid"}]}}
                """,
                "context.externalIds[0].id",
                "\"oABC\" is not an app-scoped id; write it as \"<app id>:<id>\"");
        rejects(
                "identify", "{\"userId\": \"u-1\", \"context\": {\"externalIds\": {\"id\": \"c-1\"}}}",
                "context.externalIds", "must be a JSON array");
    }

    @Test
    void aMergeIsRecordedWithTheEventThatCausedItAndReadsByTheAbsorbedOneIdAnswerForTheSurvivor() {
        String run = UUID.randomUUID().toString();
        String web = post(
                        "identify",
                        "{\"anonymousId\": \"web-%1$s\", \"traits\": {\"email\": \"m-%1$s@example.com\"}}"
                                .formatted(run))
                .path("oneId");
        String app = post("identify", "{\"anonymousId\": \"app-%s\", \"traits\": {\"name\": \"Mia\"}}".formatted(run))
                .path("oneId");
        String messageId = "merge-" + run;
        String merged = post("track", """
                {"messageId": "%2$s", "anonymousId": "app-%1$s", "event": "Signed In",
                 "context": {"channel": "app", "source": "ios-sdk", "traits": {"email": "m-%1$s@example.com"}}}
                """.formatted(run, messageId)).path("oneId");

        assertEquals(web, merged, "the web profile is the older: it survives");
        given().when()
                .get("/v1/profiles/" + app)
                .then()
                .statusCode(200)
                .body("oneId", equalTo(web))
                .body("absorbedOneIds", contains(app))
                .body("merges", hasSize(1))
                .body("merges[0].survivorOneId", equalTo(web))
                .body("merges[0].absorbedOneId", equalTo(app))
                .body("merges[0].causeMessageId", equalTo(messageId))
                .body("merges[0].channel", equalTo("app"))
                .body("merges[0].source", equalTo("ios-sdk"))
                .body("merges[0].identifiers.value", containsInAnyOrder("m-" + run + "@example.com", "app-" + run));
    }

    @Test
    void aMergeThatWouldGrowAProfilePastTheIdentifierCapIsRefusedAndRecorded() {
        // Default limits add up to less than the cap of 150: a type with a high limit reaches it.
        given().contentType(ContentType.JSON)
                .body("{\"priority\": 95, \"limit\": 200, \"normalisation\": \"trim\"}")
                .when()
                .put("/v1/identifier-types/cap_test_token")
                .then()
                .statusCode(200);
        String run = UUID.randomUUID().toString();
        String big =
                post("identify", withTokens("big-" + run, "a-" + run, 0, 50)).path("oneId");
        post("identify", withTokens("big-" + run, "a-" + run, 50, 100));
        String small =
                post("identify", withTokens("small-" + run, "b-" + run, 0, 49)).path("oneId");

        String resolved = post("track", """
                {"anonymousId": "big-%1$s", "event": "Signed In",
                 "context": {"externalIds": [{"id": "b-%1$s-0", "type": "cap_test_token"}]}}
                """.formatted(run)).path("oneId");

        assertEquals(small, resolved, "the higher-priority token anchors the event");
        given().when().get("/v1/profiles/" + big).then().statusCode(200).body("identifiers", hasSize(101));
        given().when().get("/v1/profiles/" + small).then().statusCode(200).body("identifiers", hasSize(50));
        given().when()
                .get("/v1/profiles/" + small + "/refused-links")
                .then()
                .statusCode(200)
                .body("identifier", hasItem("anonymous_id:big-" + run))
                .body("ownerOneId", hasItem(big))
                .body("reason", hasItem("merging would give one profile 151 identifiers (limit 150)"));
    }

    /** An identify of {@code anonymousId} carrying tokens {@code prefix-from} up to {@code prefix-(to-1)}. */
    private static String withTokens(String anonymousId, String prefix, int from, int to) {
        StringBuilder ids = new StringBuilder();
        for (int i = from; i < to; i++) {
            ids.append(i == from ? "" : ",")
                    .append("{\"id\": \"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\", \"type\": \"cap_test_token\"}");
        }
        return "{\"anonymousId\": \"" + anonymousId + "\", \"context\": {\"externalIds\": [" + ids + "]}}";
    }

    @Test
    void badInputIsRejectedWithTheFieldNamedAndNothingWritten() {
        String user = "user-" + UUID.randomUUID();
        rejects("track", "{\"userId\": \"" + user + "\", ", "body", "not valid JSON");
        rejects("track", "{\"event\": \"Signed Up\"}", "userId", "userId or anonymousId is required");
        rejects("track", "{\"userId\": \"" + user + "\"}", "event", "event is required");
        rejects("identify", "{\"userId\": 42}", "userId", "userId must be a string, got number");
        rejects("identify", "{\"userId\": \"" + user + "\", \"traits\": []}", "traits", "must be a JSON object");
        rejects(
                "identify",
                "{\"userId\": \"" + user + "\", \"traits\": {\"email\": \"abc\"}}",
                "traits.email",
                "\"abc\" is not an email address");
        rejects(
                "track",
                "{\"userId\": \"" + user + "\", \"event\": \"x\", \"timestamp\": \"yesterday\"}",
                "timestamp",
                "not an ISO-8601 date-time");

        given().queryParam("type", "user_id")
                .queryParam("value", user)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);
    }

    @Test
    void aBatchAcceptsTheValidEventsAndReportsTheOthersByIndex() {
        String user = "user-" + UUID.randomUUID();
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        SegmentApi.given()
                .body("""
                {"batch": [
                  {"type": "identify", "userId": "%1$s", "traits": {"phone": "+86 138-%2$s-%3$s"}},
                  {"type": "track", "userId": "%1$s"},
                  {"type": "page", "userId": "%1$s", "name": "Home"}
                ], "context": {"channel": "mini_program"}}
                """.formatted(user, digits.substring(0, 4), digits.substring(4)))
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(200)
                .body("accepted", is(2))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", is(1))
                .body("rejected[0].field", equalTo("batch[1].event"));

        given().queryParam("type", "phone")
                .queryParam("value", "+86138" + digits)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("identifiers.value", hasItem(user));
    }

    @Test
    void aBatchOverTheLimitIsRefusedWith413() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            events.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\"}");
        }
        SegmentApi.given()
                .body("{\"batch\": [" + events + "]}")
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(413)
                .body("field", equalTo("batch"));
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> post(
            String type, String body) {
        return SegmentApi.given()
                .body(body)
                .when()
                .post("/v1/" + type)
                .then()
                .statusCode(200)
                .body("success", is(true))
                .extract();
    }

    private static void rejects(String type, String body, String field, String message) {
        SegmentApi.given()
                .body(body)
                .when()
                .post("/v1/" + type)
                .then()
                .statusCode(400)
                .body("success", is(false))
                .body("field", equalTo(field))
                .body("error", org.hamcrest.Matchers.containsString(message));
    }
}
