package dev.cdp.identity.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cdp.identity.SegmentApi;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the edge refuses because a consumer downstream could not take it: each call is answered
 * 4xx naming the field, and nothing of it is stored.
 */
@QuarkusTest
class EdgeValidationTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void oversizedEventsAndBatchesAre413WithTheLimit() {
        String user = user();
        post(
                        "identify",
                        "{\"userId\": \"" + user + "\", \"traits\": {\"bio\": \"" + "x".repeat(5 * 1024 * 1024)
                                + "\"}}")
                .statusCode(413)
                .body("field", equalTo("body"))
                .body("error", containsString("at most 32 KB"));
        post(
                        "track",
                        "{\"userId\": \"" + user + "\", \"event\": \"x\", \"properties\": {\"note\": \""
                                + "x".repeat(40_000) + "\"}}")
                .statusCode(413)
                .body("error", containsString("at most 32 KB"));
        String event = "{\"type\": \"track\", \"userId\": \"" + user
                + "\", \"event\": \"x\", \"properties\": {\"note\": \"" + "y".repeat(10_000) + "\"}}";
        post("batch", "{\"batch\": [" + String.join(",", Collections.nCopies(60, event)) + "]}")
                .statusCode(413)
                .body("error", containsString("a batch may be at most 500 KB"));
        assertNoProfile(user);
    }

    @Test
    void anEventThatGrowsPastTheLimitOnceParsedIsRefusedInItsBatch() {
        String user = user();
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            wide.append(i == 0 ? "" : ",")
                    .append("\"p")
                    .append(i)
                    .append("\": ")
                    .append(i);
        }
        String big =
                "{\"type\": \"track\", \"userId\": \"" + user + "\", \"event\": \"x\", \"properties\": " + wide + "}}";
        String ok = "{\"type\": \"track\", \"userId\": \"" + user + "-ok\", \"event\": \"x\"}";
        post("batch", "{\"batch\": [" + big + ", " + ok + "]}")
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].field", equalTo("batch[0].event"))
                .body("rejected[0].error", containsString("at most 32 KB"));
        assertNoProfile(user);
    }

    @Test
    void deepNestingNulCharactersAndInvalidUtf8Are400NamingTheField() {
        String user = user();
        post(
                        "track",
                        "{\"userId\": \"" + user + "\", \"event\": \"x\", \"properties\": " + "{\"a\": ".repeat(200)
                                + "1" + "}".repeat(200) + "}")
                .statusCode(400)
                .body("field", equalTo("properties.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a"))
                .body("error", containsString("the limit is 16"));
        post(
                        "track",
                        "{\"userId\": \"" + user + "\", \"event\": \"x\", \"properties\": " + "[".repeat(10_000)
                                + "]".repeat(10_000) + "}")
                .statusCode(400)
                .body("field", equalTo("body"))
                .body("error", containsString("is not valid JSON"));
        post("identify", "{\"userId\": \"" + user + "\\u0000x\"}")
                .statusCode(400)
                .body("field", equalTo("userId"))
                .body("error", containsString("NUL"));
        post("track", "{\"userId\": \"" + user + "\", \"messageId\": \"m\\u0000\", \"event\": \"x\"}")
                .statusCode(400)
                .body("field", equalTo("messageId"));
        byte[] latin1 = ("{\"userId\": \"" + user + "-Jos\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
        SegmentApi.given()
                .body(latin1)
                .post("/v1/identify")
                .then()
                .statusCode(400)
                .body("field", equalTo("body"))
                .body("error", containsString("not valid UTF-8 at byte"));
        assertNoProfile(user);
        assertNoProfile(user + "-José");
    }

    @Test
    void timestampsTooFarAheadOrBefore1970Are400AndAFewHoursAheadIsTaken() {
        String user = user();
        for (String timestamp :
                new String[] {"+999999999-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
            post("track", "{\"userId\": \"" + user + "\", \"event\": \"x\", \"timestamp\": \"" + timestamp + "\"}")
                    .statusCode(400)
                    .body("field", equalTo("timestamp"));
        }
        assertNoProfile(user);
        String soon = Instant.now().plus(3, ChronoUnit.HOURS).toString();
        post("track", "{\"userId\": \"" + user + "\", \"event\": \"x\", \"timestamp\": \"" + soon + "\"}")
                .statusCode(200);
        post("track", "{\"userId\": \"" + user + "\", \"event\": \"x\", \"timestamp\": \"1997-01-01T00:00:00Z\"}")
                .statusCode(200);
    }

    @Test
    void amountsTagRulesAddUpMustBeFiniteNumbers() {
        String user = user();
        for (String revenue : new String[] {"\"abc\"", "true", "1e400", "-1e308", "{\"amount\": 5}"}) {
            post(
                            "track",
                            "{\"userId\": \"" + user
                                    + "\", \"event\": \"Order Completed\", \"properties\": {\"revenue\": " + revenue
                                    + "}}")
                    .statusCode(400)
                    .body("field", equalTo("properties.revenue"));
        }
        post(
                        "track",
                        "{\"userId\": \"" + user
                                + "\", \"event\": \"Order Completed\", \"properties\": {\"quantity\": \"NaN\"}}")
                .statusCode(400)
                .body("field", equalTo("properties.quantity"));
        assertNoProfile(user);
        post(
                        "track",
                        "{\"userId\": \"" + user
                                + "\", \"event\": \"Order Completed\", \"properties\": {\"revenue\": \"59.90\", \"quantity\": 2}}")
                .statusCode(200);
    }

    private static ValidatableResponse post(String call, String body) {
        return SegmentApi.given().body(body).post("/v1/" + call).then();
    }

    private static void assertNoProfile(String userId) {
        given().queryParam("type", "user_id")
                .queryParam("value", userId)
                .get("/v1/profiles")
                .then()
                .statusCode(404);
    }

    private static String user() {
        return "edge-" + UUID.randomUUID();
    }

    @Test
    void aBodyThatStopsArrivingDoesNotHoldItsConnection() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Authorization: " + SegmentApi.authorization(SegmentApi.DEMO_WRITE_KEY) + "\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"userId\": \"slow\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The promised 990 bytes never come: the server closes the connection once it idles (3 s in tests).
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertFalse(text.startsWith("HTTP/1.1 200"), text);
        }
    }
}
