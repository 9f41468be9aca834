package dev.cdp.identity.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sources and write keys: every tracking call names an enabled source. */
@QuarkusTest
class SourceApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final String TRACK = "{\"userId\": \"u-%s\", \"event\": \"Product Viewed\"}";

    @Test
    void aNewSourceGetsAWriteKeyAndItsChannelBecomesTheChannelOfEventsThatNameNone() throws Exception {
        String name = "shop-" + UUID.randomUUID();
        String writeKey = create(name, "ecommerce")
                .statusCode(201)
                .body("name", equalTo(name))
                .body("channel", equalTo("ecommerce"))
                .body("enabled", is(true))
                .extract()
                .path("writeKey");
        given().when()
                .get("/v1/sources")
                .then()
                .statusCode(200)
                .body("name", hasItem(name))
                .body("name", hasItem("demo"));

        String user = UUID.randomUUID().toString();
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            String oneId = given().contentType(ContentType.JSON)
                    .header("X-Write-Key", writeKey)
                    .body(TRACK.formatted(user))
                    .when()
                    .post("/v1/track")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("oneId");
            ResolvedEvent event =
                    ResolvedEvent.parseFrom(resolved.await(r -> oneId.equals(r.key()), Duration.ofSeconds(20))
                            .value());
            assertEquals("ecommerce", event.getEvent().getContext().getChannel());
            assertEquals(name, event.getEvent().getContext().getSource());
        }
        given().contentType(ContentType.JSON)
                .header("Authorization", SegmentApi.authorization(writeKey))
                .body("{\"userId\": \"u-%s\", \"event\": \"x\", \"context\": {\"channel\": \"app\"}}".formatted(user))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);
    }

    @Inject
    Pool pool;

    @Test
    void aSourceDisabledThroughAnotherInstanceIsRefusedOnceTheSourcesAreRefreshed() throws InterruptedException {
        ValidatableResponse created = create("web-" + UUID.randomUUID(), "web").statusCode(201);
        String id = created.extract().path("id");
        String writeKey = created.extract().path("writeKey");
        given().contentType(ContentType.JSON)
                .header("X-Write-Key", writeKey)
                .body(TRACK.formatted(UUID.randomUUID()))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);
        // As another instance does it: straight to the shared table, unseen by this one's cache.
        pool.preparedQuery("update source set enabled = false where id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertEquals(
                401,
                statusOnceRefused(writeKey, Duration.ofSeconds(20)),
                "the refresh (every second in tests) sees the source disabled");
    }

    /** Tracks with the key until it is no longer taken or {@code within} passes; answers the last status. */
    private static int statusOnceRefused(String writeKey, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int status;
        do {
            status = given().contentType(ContentType.JSON)
                    .header("X-Write-Key", writeKey)
                    .body(TRACK.formatted(UUID.randomUUID()))
                    .when()
                    .post("/v1/track")
                    .then()
                    .extract()
                    .statusCode();
        } while (status == 200 && System.nanoTime() < deadline && sleep());
        return status;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    @Test
    void aCallWithoutTheWriteKeyOfAnEnabledSourceIsRefusedWith401SayingWhy() {
        String user = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(TRACK.formatted(user))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(401)
                .body("success", is(false))
                .body("error", startsWith("no write key: send the source's write key as the HTTP Basic user name"));
        given().contentType(ContentType.JSON)
                .header("Authorization", SegmentApi.authorization("no-such-key"))
                .body("{\"batch\": []}")
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(401)
                .body("error", startsWith("write key \"no-s…\" is not known; create a source with POST /v1/sources"));
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer abc")
                .body(TRACK.formatted(user))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(401)
                .body("error", startsWith("the Authorization header is not HTTP Basic"));

        String name = "till-" + UUID.randomUUID();
        ValidatableResponse created = create(name, "pos").statusCode(201);
        String id = created.extract().path("id");
        String writeKey = created.extract().path("writeKey");
        given().contentType(ContentType.JSON)
                .body("{\"enabled\": false}")
                .when()
                .patch("/v1/sources/" + id)
                .then()
                .statusCode(200)
                .body("enabled", is(false));
        given().contentType(ContentType.JSON)
                .header("X-Write-Key", writeKey)
                .body(TRACK.formatted(user))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(401)
                .body("error", equalTo("the write key's source \"" + name + "\" is disabled"));

        given().when().get("/v1/profiles").then().statusCode(400);
        given().queryParam("type", "user_id")
                .queryParam("value", "u-" + user)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);
    }

    @Test
    void aWriteKeyIsShownOnceAndStoredOnlyAsAHash() {
        String name = "app-" + UUID.randomUUID();
        ValidatableResponse created = create(name, "app").statusCode(201);
        String id = created.extract().path("id");
        String writeKey = created.extract().path("writeKey");
        given().when()
                .get("/v1/sources")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.writeKeyHint", equalTo(writeKey.substring(0, 4) + "…"))
                .body("find { it.id == '" + id + "' }.writeKey", nullValue());
        String stored = pool.preparedQuery("select write_key from source where id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString(0);
        assertFalse(stored.contains(writeKey), "the table holds no key");
        assertTrue(stored.startsWith("sha256:"), stored);
    }

    @Test
    void aRotatedKeyIsTakenNextToTheOldOneUntilTheOverlapEnds() throws Exception {
        String name = "pos-" + UUID.randomUUID();
        ValidatableResponse created = create(name, "pos").statusCode(201);
        String id = created.extract().path("id");
        String oldKey = created.extract().path("writeKey");
        ValidatableResponse rotated = given().queryParam("overlap", "PT3S")
                .when()
                .post("/v1/sources/" + id + "/rotate-key")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("previousKeyValidUntil", notNullValue());
        String newKey = rotated.extract().path("writeKey");
        assertNotEquals(oldKey, newKey);
        for (String key : new String[] {oldKey, newKey}) {
            given().contentType(ContentType.JSON)
                    .header("X-Write-Key", key)
                    .body(TRACK.formatted(UUID.randomUUID()))
                    .when()
                    .post("/v1/track")
                    .then()
                    .statusCode(200);
        }
        assertEquals(
                401,
                statusOnceRefused(oldKey, Duration.ofSeconds(15)),
                "the old key is refused once the overlap is over");
        given().contentType(ContentType.JSON)
                .header("X-Write-Key", newKey)
                .body(TRACK.formatted(UUID.randomUUID()))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);

        given().queryParam("overlap", "P40D")
                .when()
                .post("/v1/sources/" + id + "/rotate-key")
                .then()
                .statusCode(400)
                .body("error", startsWith("overlap PT960H must be between PT0S and 30 days"));
        given().when()
                .post("/v1/sources/" + UUID.randomUUID() + "/rotate-key")
                .then()
                .statusCode(404);
    }

    @Test
    void aSourceOverItsBudgetIsAnswered429WithWhenToRetryAndNothingOfTheCallIsTaken() throws Exception {
        String name = "kiosk-" + UUID.randomUUID();
        ValidatableResponse created = given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"channel\": \"pos\", \"rateLimit\": 1}".formatted(name))
                .when()
                .post("/v1/sources")
                .then()
                .statusCode(201)
                .body("rateLimit", equalTo(1));
        String id = created.extract().path("id");
        String writeKey = created.extract().path("writeKey");
        String burst = "{\"batch\": ["
                + String.join(
                        ",",
                        Collections.nCopies(
                                5,
                                "{\"type\": \"track\", \"userId\": \"u-" + UUID.randomUUID()
                                        + "\", \"event\": \"Scan\"}"))
                + "]}";
        given().contentType(ContentType.JSON)
                .header("X-Write-Key", writeKey)
                .body(burst)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(5));
        String refusedUser = UUID.randomUUID().toString();
        String retryAfter = given().contentType(ContentType.JSON)
                .header("X-Write-Key", writeKey)
                .body(TRACK.formatted(refusedUser))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(429)
                .body(
                        "error",
                        startsWith("source \"" + name + "\" is over its budget of 1 events per second; retry after "))
                .extract()
                .header("Retry-After");
        assertTrue(
                Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 5,
                "a burst of 5 at 1 a second is paid for within 5 s: " + retryAfter);
        given().queryParam("type", "user_id")
                .queryParam("value", "u-" + refusedUser)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)).toMillis());
        given().contentType(ContentType.JSON)
                .header("X-Write-Key", writeKey)
                .body(TRACK.formatted(refusedUser))
                .when()
                .post("/v1/track")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"rateLimit\": null}")
                .when()
                .patch("/v1/sources/" + id)
                .then()
                .statusCode(200)
                .body("rateLimit", nullValue());
        for (int i = 0; i < 10; i++) {
            given().contentType(ContentType.JSON)
                    .header("X-Write-Key", writeKey)
                    .body(TRACK.formatted(UUID.randomUUID()))
                    .when()
                    .post("/v1/track")
                    .then()
                    .statusCode(200);
        }
        given().contentType(ContentType.JSON)
                .body("{\"rateLimit\": 0}")
                .when()
                .patch("/v1/sources/" + id)
                .then()
                .statusCode(400)
                .body("error", startsWith("rateLimit must be at least 1"));
    }

    @Test
    void aSourceNeedsANameOfItsOwnAndAChannel() {
        String name = "crm-" + UUID.randomUUID();
        create(name, "crm").statusCode(201);
        create(name, "crm").statusCode(400).body("error", startsWith("name \"" + name + "\" is taken by source "));
        create("x", "Mini Program")
                .statusCode(400)
                .body("error", startsWith("channel \"Mini Program\" must be lower-case letters, digits or _"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"y\", \"kind\": \"web\"}")
                .when()
                .post("/v1/sources")
                .then()
                .statusCode(400)
                .body("error", startsWith("\"kind\" is not a field here; send name, channel"));
    }

    private static ValidatableResponse create(String name, String channel) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"channel\": \"%s\"}".formatted(name, channel))
                .when()
                .post("/v1/sources")
                .then();
    }
}
