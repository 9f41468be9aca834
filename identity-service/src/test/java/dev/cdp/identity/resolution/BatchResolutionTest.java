package dev.cdp.identity.resolution;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch is resolved in one transaction, each event as if it ran alone; batches racing over the
 * same profiles take turns on them, so no identifier is lost.
 */
@QuarkusTest
class BatchResolutionTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void eventsOfOneBatchSeeWhatTheEventsBeforeThemDid() throws Exception {
        String run = UUID.randomUUID().toString();
        String merging = "link-" + run;
        String batch = """
                {"batch": [
                  {"type": "page", "messageId": "tablet-%1$s", "anonymousId": "tablet-%1$s", "name": "Home"},
                  {"type": "track", "messageId": "phone-%1$s", "anonymousId": "phone-%1$s", "event": "App Opened",
                   "context": {"channel": "app", "traits": {"favourite": "tea"}}},
                  {"type": "identify", "messageId": "id-%1$s", "userId": "u-%1$s", "anonymousId": "tablet-%1$s",
                   "traits": {"name": "Ada"}},
                  {"type": "track", "messageId": "%2$s", "userId": "u-%1$s", "anonymousId": "phone-%1$s", "event": "Signed In",
                   "context": {"channel": "app"}},
                  {"type": "track", "messageId": "%2$s", "userId": "u-%1$s", "event": "Signed In"}
                ]}""".formatted(run, merging);
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved");
                TestKafka.Watch changed = TestKafka.watch("cdp.identity.changed")) {
            SegmentApi.given()
                    .body(batch)
                    .when()
                    .post("/v1/batch")
                    .then()
                    .statusCode(200)
                    .body("accepted", equalTo(5))
                    .body("duplicates", equalTo(1));

            String tablet = profileOf("anonymous_id", "tablet-" + run).getString("oneId");
            given().queryParam("type", "anonymous_id")
                    .queryParam("value", "phone-" + run)
                    .when()
                    .get("/v1/profiles")
                    .then()
                    .statusCode(200)
                    .body("oneId", equalTo(tablet))
                    .body("identifiers.value", containsInAnyOrder("tablet-" + run, "phone-" + run, "u-" + run))
                    .body("traits.name", equalTo("Ada"))
                    .body("traits.favourite", equalTo("tea"))
                    .body("merges", hasSize(1))
                    .body("merges[0].causeMessageId", equalTo(merging))
                    .body("merges[0].survivorOneId", equalTo(tablet));

            // The phone's first event went out under its own profile, before the merge that absorbed it.
            ResolvedEvent phone = ResolvedEvent.parseFrom(resolved.await(
                            r -> parse(r).getEvent().getMessageId().equals("phone-" + run), Duration.ofSeconds(20))
                    .value());
            given().when()
                    .get("/v1/profiles/" + phone.getOneId())
                    .then()
                    .statusCode(200)
                    .body("oneId", equalTo(tablet))
                    .body("absorbedOneIds", contains(phone.getOneId()));
            List<ConsumerRecord<String, byte[]>> survivors =
                    resolved.awaitAll(r -> tablet.equals(r.key()), 3, Duration.ofSeconds(20));
            assertEquals(
                    List.of("tablet-" + run, "id-" + run, merging),
                    survivors.stream()
                            .map(r -> parse(r).getEvent().getMessageId())
                            .toList(),
                    "one person's events keep their order");
            IdentityChanged merge =
                    IdentityChanged.parseFrom(changed.await(r -> tablet.equals(r.key()), Duration.ofSeconds(20))
                            .value());
            assertEquals(IdentityChange.MERGED, merge.getChange());
            assertEquals(phone.getOneId(), merge.getAbsorbed(0).getOneId());
        }
    }

    @Test
    void batchesMergingTheSameProfilesAtOnceConvergeWithoutLosingAnIdentifier() throws Exception {
        String run = UUID.randomUUID().toString();
        int people = 4;
        for (int p = 0; p < people; p++) {
            SegmentApi.given()
                    .body("{\"anonymousId\": \"seed-%d-%s\", \"traits\": {\"email\": \"p%d-%s@example.com\"}}"
                            .formatted(p, run, p, run))
                    .when()
                    .post("/v1/identify")
                    .then()
                    .statusCode(200);
        }
        // Each batch links two of the people by their emails and brings a device never seen
        // before: eight such batches race; at the end all is one profile holding every identifier.
        List<String> bodies = new ArrayList<>();
        Random random = new Random(7);
        for (int b = 0; b < 8; b++) {
            List<Integer> pair = new ArrayList<>(List.of(b % people, (b + 1) % people));
            Collections.shuffle(pair, random);
            bodies.add("""
                    {"batch": [{"type": "identify", "anonymousId": "new-%1$d-%2$s",
                      "traits": {"email": "p%3$d-%2$s@example.com"}, "context": {"externalIds": [
                        {"type": "email", "id": "p%4$d-%2$s@example.com"}]}}]}""".formatted(b, run, pair.get(0), pair.get(1)));
        }
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String body : bodies) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/batch"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", SegmentApi.authorization(SegmentApi.DEMO_WRITE_KEY))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }

        List<String> expected = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            expected.add("seed-" + p + "-" + run);
            expected.add("p" + p + "-" + run + "@example.com");
        }
        for (int b = 0; b < bodies.size(); b++) {
            expected.add("new-" + b + "-" + run);
        }
        String oneId = profileOf("email", "p0-" + run + "@example.com").getString("oneId");
        given().when()
                .get("/v1/profiles/" + oneId)
                .then()
                .statusCode(200)
                .body("identifiers.value", containsInAnyOrder(expected.toArray()))
                .body("absorbedOneIds", hasSize(people - 1));
    }

    @Test
    void aProfileIsRewrittenOnlyWhenAnEventChangesIt() {
        String run = UUID.randomUUID().toString();
        SegmentApi.given()
                .body("{\"userId\": \"u-%s\", \"traits\": {\"name\": \"Ada\"}}".formatted(run))
                .when()
                .post("/v1/identify")
                .then()
                .statusCode(200);
        String created = profileOf("user_id", "u-" + run).getString("updatedAt");

        SegmentApi.given()
                .body("{\"userId\": \"u-%s\", \"event\": \"Viewed\"}".formatted(run))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);
        assertEquals(created, profileOf("user_id", "u-" + run).getString("updatedAt"), "an event that changes nothing");

        SegmentApi.given()
                .body("{\"userId\": \"u-%s\", \"anonymousId\": \"d-%s\", \"event\": \"Viewed\"}".formatted(run, run))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);
        String linked = profileOf("user_id", "u-" + run).getString("updatedAt");
        assertTrue(Instant.parse(linked).isAfter(Instant.parse(created)), "a device linked changes the profile");

        SegmentApi.given()
                .body("{\"userId\": \"u-%s\", \"traits\": {\"plan\": \"gold\"}}".formatted(run))
                .when()
                .post("/v1/identify")
                .then()
                .statusCode(200);
        JsonPath traitAdded = profileOf("user_id", "u-" + run);
        assertTrue(
                Instant.parse(traitAdded.getString("updatedAt")).isAfter(Instant.parse(linked)),
                "a new trait changes the profile");
        assertEquals("Ada", traitAdded.getString("traits.name"));
        assertEquals("gold", traitAdded.getString("traits.plan"));
    }

    private static JsonPath profileOf(String type, String value) {
        return given().queryParam("type", type)
                .queryParam("value", value)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static ResolvedEvent parse(ConsumerRecord<String, byte[]> record) {
        try {
            return ResolvedEvent.parseFrom(record.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
