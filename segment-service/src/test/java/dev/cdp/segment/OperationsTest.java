package dev.cdp.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What operators and Kubernetes probe. */
@QuarkusTest
class OperationsTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void readinessCoversPostgresKafkaAndTheTagCatalogue() {
        ManagementInterface.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "SmallRye Reactive Messaging - readiness check",
                                "tag catalogue"));
    }

    @Test
    void theApiPortServesNeitherHealthNorMetrics() {
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
