package dev.cdp.activation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.proto.v1.ActivationService;
import dev.cdp.proto.v1.CreateCampaignRequest;
import dev.cdp.proto.v1.CreateDestinationRequest;
import dev.cdp.proto.v1.DestinationType;
import dev.cdp.proto.v1.ListDeliveriesRequest;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating destinations and campaigns over gRPC and REST: what is accepted and how refusals read. */
@QuarkusTest
class ActivationApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration CALL = Duration.ofSeconds(10);

    @GrpcClient("activation")
    ActivationService activation;

    @Test
    void aDestinationUrlThatIsNotHttpIsRefusedNamingTheField() {
        String expected = "url: \"ftp://x\" is not an http(s) URL";
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                expected,
                () -> activation
                        .createDestination(destination("ftp://x").build())
                        .await()
                        .atMost(CALL));

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"hook\", \"type\": \"WEBHOOK\", \"url\": \"ftp://x\"}")
                .when()
                .post("/v1/destinations")
                .then()
                .statusCode(400)
                .body("error", equalTo(expected));
    }

    @Test
    void aDestinationNeedsANameAndTheWebhookType() {
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "name: is required",
                () -> activation
                        .createDestination(destination("https://example.com/hook")
                                .setName(" ")
                                .build())
                        .await()
                        .atMost(CALL));
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "type: is required; the only destination type is WEBHOOK",
                () -> activation
                        .createDestination(destination("https://example.com/hook")
                                .setType(DestinationType.DESTINATION_TYPE_UNSPECIFIED)
                                .build())
                        .await()
                        .atMost(CALL));

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"hook\", \"type\": \"SMS\", \"url\": \"https://example.com/hook\"}")
                .when()
                .post("/v1/destinations")
                .then()
                .statusCode(400)
                .body("error", equalTo("type: \"SMS\" is not a destination type; the only one is WEBHOOK"));
    }

    @Test
    void aBodyThatIsNotTheExpectedJsonIsRefusedSayingWhere() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": ")
                .when()
                .post("/v1/destinations")
                .then()
                .statusCode(400)
                .body("error", containsString("body: is not valid JSON for this request"))
                .body("error", containsString("line 1"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": {\"nested\": true}}")
                .when()
                .post("/v1/campaigns")
                .then()
                .statusCode(400)
                .body("error", containsString("body: is not valid JSON for this request"));
    }

    @Test
    void aCampaignNeedsASegmentAndAnExistingDestination() {
        String destinationId = activation
                .createDestination(destination("https://example.com/hook").build())
                .await()
                .atMost(CALL)
                .getId();
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "segment_id: is required",
                () -> activation
                        .createCampaign(campaign("", destinationId).build())
                        .await()
                        .atMost(CALL));
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "name: is required",
                () -> activation
                        .createCampaign(
                                campaign("seg", destinationId).setName("").build())
                        .await()
                        .atMost(CALL));

        String unknown = UUID.randomUUID().toString();
        StatusRuntimeException notFound = assertThrows(
                StatusRuntimeException.class,
                () -> activation
                        .createCampaign(campaign("seg", unknown).build())
                        .await()
                        .atMost(CALL));
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"c\", \"segmentId\": \"seg\", \"destinationId\": \"" + unknown + "\"}")
                .when()
                .post("/v1/campaigns")
                .then()
                .statusCode(404)
                .body("error", containsString("no destination \"" + unknown + "\""));
    }

    @Test
    void deliveriesAreListedOnlyForAKnownCampaign() {
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "campaign_id: is required",
                () -> activation
                        .listDeliveries(ListDeliveriesRequest.getDefaultInstance())
                        .await()
                        .atMost(CALL));
        String unknown = UUID.randomUUID().toString();
        StatusRuntimeException notFound = assertThrows(
                StatusRuntimeException.class,
                () -> activation
                        .listDeliveries(ListDeliveriesRequest.newBuilder()
                                .setCampaignId(unknown)
                                .build())
                        .await()
                        .atMost(CALL));
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
        given().when()
                .get("/v1/campaigns/" + unknown + "/deliveries")
                .then()
                .statusCode(404)
                .body("error", equalTo("campaign_id: no campaign \"" + unknown + "\""));
    }

    @Test
    void theRestApiCreatesADestinationAndACampaignAndReportsDeliveries() {
        String destinationId = given().contentType(ContentType.JSON)
                .body("{\"name\": \"CRM hook\", \"type\": \"WEBHOOK\", \"url\": \"https://crm.example.com/hooks/cdp\"}")
                .when()
                .post("/v1/destinations")
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("type", equalTo("WEBHOOK"))
                .body("url", equalTo("https://crm.example.com/hooks/cdp"))
                .extract()
                .path("id");
        String segmentId = "seg-" + UUID.randomUUID();
        String campaignId = given().contentType(ContentType.JSON)
                .body("""
                        {"name": "Welcome VIPs", "segmentId": "%s", "destinationId": "%s", "message": "Hi {{one_id}}"}
                        """.formatted(segmentId, destinationId))
                .when()
                .post("/v1/campaigns")
                .then()
                .statusCode(201)
                .body("segmentId", equalTo(segmentId))
                .body("destinationId", equalTo(destinationId))
                .body("message", equalTo("Hi {{one_id}}"))
                .extract()
                .path("id");

        given().when()
                .get("/v1/campaigns/" + campaignId + "/deliveries")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().when()
                .get("/v1/deliveries/summary")
                .then()
                .statusCode(200)
                .body("PENDING", greaterThanOrEqualTo(0))
                .body("DELIVERED", greaterThanOrEqualTo(0))
                .body("FAILED", greaterThanOrEqualTo(0));
    }

    private static CreateDestinationRequest.Builder destination(String url) {
        return CreateDestinationRequest.newBuilder()
                .setName("hook " + UUID.randomUUID())
                .setType(DestinationType.WEBHOOK)
                .setUrl(url);
    }

    private static CreateCampaignRequest.Builder campaign(String segmentId, String destinationId) {
        return CreateCampaignRequest.newBuilder()
                .setName("campaign " + UUID.randomUUID())
                .setSegmentId(segmentId)
                .setDestinationId(destinationId)
                .setMessage("Hello {{one_id}}");
    }

    private static void assertStatus(Status.Code code, String description, Supplier<?> call) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call::get);
        assertEquals(code, refused.getStatus().getCode());
        assertEquals(description, refused.getStatus().getDescription());
    }
}
