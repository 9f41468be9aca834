package dev.cdp.identity.identifiertype;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.cdp.identity.SegmentApi;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identifier types configured over REST, applied to ingest at once. */
@QuarkusTest
class IdentifierTypeApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void theDefaultTypesAreSeededInPriorityOrder() {
        given().when()
                .get("/v1/identifier-types")
                .then()
                .statusCode(200)
                .body("name", hasItem("wechat_openid"))
                .body("find { it.name == 'user_id' }.limit", is(1))
                .body("find { it.name == 'email' }.normalisation", equalTo("email"))
                .body("find { it.name == 'email' }.blockedValues", hasItem("test@test.com"))
                .body("find { it.name == 'wechat_openid' }.limit", is(10))
                .body("find { it.name == 'device_id' }.limit", is(20))
                .body("find { it.name == 'anonymous_id' }.limit", is(100))
                .body("[0].name", equalTo("user_id"));
    }

    @Test
    void aNewTypeIsUsableAtOnceAndItsLimitAndBlockedValuesApply() {
        String type = "loyalty_" + UUID.randomUUID().toString().substring(0, 8);
        int priority = 1000 + ThreadLocalRandom.current().nextInt(1_000_000);
        put(
                        type,
                        "{\"priority\": %d, \"limit\": 1, \"normalisation\": \"lower_trim\", \"blockedValues\": [\"NONE-YET\"]}"
                                .formatted(priority))
                .statusCode(200)
                .body("name", equalTo(type))
                .body("limit", is(1))
                .body("blockedValues", contains("none-yet"));

        String user = "user-" + UUID.randomUUID();
        String oneId = identify("{\"userId\": \"%s\", \"traits\": {\"%s\": \" L-42 \"}}".formatted(user, type));
        given().queryParam("type", type)
                .queryParam("value", "l-42")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("oneId", equalTo(oneId));
        identify("{\"userId\": \"%s\", \"traits\": {\"%s\": \"None-Yet\"}}".formatted(user, type));
        given().when()
                .get("/v1/profiles/" + oneId)
                .then()
                .statusCode(200)
                .body("identifiers.findAll { it.type == '%s' }.value".formatted(type), contains("l-42"));

        put(type, "{\"limit\": 2}")
                .statusCode(200)
                .body("limit", is(2))
                .body("priority", is(priority))
                .body("normalisation", equalTo("lower_trim"));
        identify("{\"userId\": \"%s\", \"traits\": {\"%s\": \"L-43\"}}".formatted(user, type));
        given().when()
                .get("/v1/profiles/" + oneId)
                .then()
                .statusCode(200)
                .body("identifiers.findAll { it.type == '%s' }.value".formatted(type), contains("l-42", "l-43"));
    }

    @Test
    void badSettingsAreRejectedWithWhatIsWrong() {
        String type = "bad_" + UUID.randomUUID().toString().substring(0, 8);
        rejects(
                type,
                "{\"limit\": 2}",
                type + ": \"" + type + "\" is a new identifier type: priority, normalisation required");
        rejects(
                type,
                "{\"priority\": 20, \"limit\": 2, \"normalisation\": \"trim\"}",
                type + ": priority 20 is email's; each type needs a priority of its own");
        rejects(
                type,
                "{\"priority\": 999999999, \"limit\": 0, \"normalisation\": \"trim\"}",
                type + ": limit 0 must be at least 1");
        rejects(
                type,
                "{\"priority\": 999999999, \"limit\": 1, \"normalisation\": \"upper\"}",
                "normalisation \"upper\" is not a normalisation; known: email, phone, lower_trim, trim, app_scoped");
        rejects(type, "{\"limit\": \"two\"}", "limit must be an integer, got \"two\"");
        rejects(
                type,
                "{\"max\": 2}",
                "\"max\" is not a field here; send priority, limit, normalisation, blockedValues");
        rejects(
                "Bad-Name",
                "{\"priority\": 999999998, \"limit\": 1, \"normalisation\": \"trim\"}",
                "Bad-Name: name \"Bad-Name\" must be 1 to 40 lower-case letters, digits or _, starting with a letter");
        identify("{\"userId\": \"u-%s\", \"traits\": {\"email\": \"norm-%s@example.com\"}}".formatted(type, type));
        rejects(
                "email",
                "{\"normalisation\": \"trim\"}",
                "email: normalisation of email cannot change from email to trim");
    }

    private static io.restassured.response.ValidatableResponse put(String type, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/v1/identifier-types/" + type)
                .then();
    }

    private static void rejects(String type, String body, String message) {
        put(type, body).statusCode(400).body("error", org.hamcrest.Matchers.startsWith(message));
    }

    private static String identify(String body) {
        return SegmentApi.given()
                .body(body)
                .when()
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
    }
}
