package dev.cdp.segment.growth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Following a model run over REST until it ends. */
final class TestRuns {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestRuns() {}

    /** The run once it is no longer RUNNING. */
    static JsonPath finished(String run) {
        await().atMost(TIMEOUT)
                .until(() -> !given().get("/v1/models/runs/" + run)
                        .then()
                        .extract()
                        .<String>path("status")
                        .equals("RUNNING"));
        return given().get("/v1/models/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
