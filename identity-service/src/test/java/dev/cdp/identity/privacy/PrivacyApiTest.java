package dev.cdp.identity.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.StoreErased;
import dev.cdp.proto.v1.UnmergeRequest;
import dev.cdp.proto.v1.UnmergeResponse;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access export and erasure with its receipt, as a data subject's requests are served. */
@QuarkusTest
class PrivacyApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> OTHERS = List.of("tag-service", "segment-service", "activation-service");

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void theExportHoldsTheProfileConsentsMergesTagsMembershipsAndDeliveriesOfEveryOneId() {
        Person person = Person.mergedFromTwoChannels();

        JsonPath export = given().get("/v1/profiles/" + person.oneId + "/export")
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"cdp-export-" + person.oneId + ".json\""))
                .extract()
                .jsonPath();

        assertEquals(person.oneId, export.getString("profile.oneId"));
        assertEquals(List.of(person.absorbed), export.getList("profile.absorbedOneIds"));
        assertEquals(1, export.getList("profile.merges").size());
        assertEquals(
                Map.of("type", "email", "value", person.email),
                export.getMap("profile.identifiers.find { it.type == 'email' }"));
        assertEquals("Ada", export.getString("profile.traits.name"));
        assertEquals("GRANTED", export.getString("profile.consents[0].status"));
        assertEquals(1, export.getList("consentHistory").size());
        assertEquals(1.0, export.getDouble("tags." + PeerServices.TAG + ".number"));
        assertEquals(PeerServices.TAG, export.getString("tagHistory[0].tag"));
        assertEquals("order-1", export.getString("tagHistory[0].changes[0].cause"));
        assertEquals(PeerServices.SEGMENT_NAME, export.getString("memberships[0].segmentName"));
        assertEquals(
                List.of(person.oneId, person.absorbed),
                export.getList("deliveries.oneId"),
                "deliveries to the OneID it had before the merge are the person's too");
        assertNotNull(export.getString("exportedAt"));

        PersonalDataExport overGrpc = identity.export(GetProfileRequest.newBuilder()
                        .setIdentifier(Identifier.newBuilder().setType("email").setValue(person.email))
                        .build())
                .await()
                .atMost(WAIT);
        assertEquals(person.oneId, overGrpc.getProfile().getOneId());
        assertEquals(2, overGrpc.getDeliveriesCount());
        given().get("/v1/profiles/" + UUID.randomUUID() + "/export").then().statusCode(404);
    }

    @Test
    void anErasureDeletesThePersonAsksEveryServiceAndCompletesWhenAllConfirmed() throws Exception {
        Person person = Person.mergedFromTwoChannels();
        String requestId;
        try (TestKafka.Watch changes = TestKafka.watch("cdp.identity.changed")) {
            Response response = given().post("/v1/profiles/" + person.oneId + "/erasure")
                    .then()
                    .statusCode(202)
                    .extract()
                    .response();
            JsonPath receipt = response.jsonPath();
            requestId = receipt.getString("requestId");
            assertTrue(response.header("Location").endsWith("/v1/erasures/" + requestId));
            assertEquals(person.oneId, receipt.getString("oneId"));
            assertEquals(List.of(person.absorbed), receipt.getList("absorbedOneIds"));
            assertEquals(OTHERS, receipt.getList("pendingServices"));
            assertFalse(receipt.getBoolean("complete"));
            assertEquals(
                    List.of(
                            "consent_record",
                            "identity_link",
                            "ingested_message",
                            "merge_record",
                            "profile",
                            "profile_identifier",
                            "refused_link",
                            "split_record",
                            "trait_observation"),
                    List.copyOf(receipt.getMap("services.identity-service").keySet()));

            IdentityChanged erased = IdentityChanged.parseFrom(
                    changes.await(r -> person.oneId.equals(r.key()), WAIT).value());
            assertEquals(IdentityChange.ERASED, erased.getChange());
            assertEquals(requestId, erased.getMessageId());
            assertEquals(
                    List.of(person.absorbed),
                    erased.getAbsorbedList().stream()
                            .map(AbsorbedProfile::getOneId)
                            .toList());
        }

        for (String oneId : List.of(person.oneId, person.absorbed)) {
            given().get("/v1/profiles/" + oneId).then().statusCode(404);
            for (String trait : List.of("email", "name")) {
                given().get("/v1/profiles/" + oneId + "/traits/" + trait + "/history")
                        .then()
                        .statusCode(200)
                        .body("size()", is(0));
            }
        }
        given().queryParam("type", "email")
                .queryParam("value", person.email)
                .get("/v1/profiles")
                .then()
                .statusCode(404);
        given().post("/v1/profiles/" + person.oneId + "/erasure")
                .then()
                .statusCode(200)
                .body("requestId", equalTo(requestId));
        given().post("/v1/profiles/" + person.absorbed + "/erasure")
                .then()
                .statusCode(200)
                .body("requestId", equalTo(requestId));

        Instant finished = Instant.parse("2026-11-28T10:00:00Z");
        OTHERS.forEach(service -> confirm(requestId, person.oneId, service, finished));
        JsonPath complete = awaitComplete(requestId);
        assertEquals(List.of(), complete.getList("pendingServices"));
        assertEquals("2026-11-28T10:00:00Z", complete.getString("services.tag-service.redis"));

        confirm(requestId, person.oneId, "tag-service", finished.plusSeconds(60));
        confirm(requestId, person.oneId, "tag-service", finished.plusSeconds(60));
        Thread.sleep(1000);
        JsonPath replayed = given().get("/v1/erasures/" + requestId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                complete.getMap("services"), replayed.getMap("services"), "a replayed confirmation changes nothing");
        assertEquals(complete.getString("completedAt"), replayed.getString("completedAt"));

        ErasureReceipt overGrpc = identity.erase(
                        GetProfileRequest.newBuilder().setOneId(person.oneId).build())
                .await()
                .atMost(WAIT);
        assertEquals(requestId, overGrpc.getRequestId());
        assertTrue(overGrpc.getComplete());
        assertEquals(
                List.of("identity-service", "tag-service", "segment-service", "activation-service").stream()
                        .sorted()
                        .toList(),
                overGrpc.getConfirmedServicesList().stream().sorted().toList());
    }

    @Test
    void aPersonWhoComesBackAfterTheErasureIsAFreshProfileAndCanBeErasedAgain() {
        String userId = "u-" + UUID.randomUUID();
        String oneId = SegmentApi.given()
                .body(Map.of("userId", userId, "traits", Map.of("name", "Grace")))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        String first = given().post("/v1/profiles/" + oneId + "/erasure")
                .then()
                .statusCode(202)
                .extract()
                .path("requestId");

        String again = SegmentApi.given()
                .body(Map.of("userId", userId))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        JsonPath fresh = given().get("/v1/profiles/" + again)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(Map.of(), fresh.getMap("traits"), "nothing of the erased profile came back");
        assertEquals(1, fresh.getList("identifiers").size());

        String second = given().queryParam("type", "user_id")
                .queryParam("value", userId)
                .post("/v1/erasures")
                .then()
                .statusCode(202)
                .extract()
                .path("requestId");
        assertNotEquals(first, second);
    }

    @Test
    void eventsFromBeforeAnErasureDoNotBringThePersonBack() {
        String userId = "u-" + UUID.randomUUID();
        String email = "ada." + UUID.randomUUID() + "@example.com";
        String device = "d-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(60);
        List<Map<String, Object>> sent = List.of(
                Map.of(
                        "type",
                        "identify",
                        "messageId",
                        "m-" + UUID.randomUUID(),
                        "userId",
                        userId,
                        "traits",
                        Map.of("email", email, "name", "Ada"),
                        "timestamp",
                        before.toString()),
                Map.of(
                        "type",
                        "track",
                        "messageId",
                        "m-" + UUID.randomUUID(),
                        "userId",
                        userId,
                        "anonymousId",
                        device,
                        "event",
                        "Product Viewed",
                        "timestamp",
                        before.plusSeconds(1).toString()));
        SegmentApi.given()
                .body(Map.of("batch", sent))
                .post("/v1/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2), "suppressed", equalTo(0));
        String oneId = given().queryParam("type", "user_id")
                .queryParam("value", userId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        given().post("/v1/profiles/" + oneId + "/erasure").then().statusCode(202);

        // The source replays its batch, and an event sent before the erasure arrives after it.
        List<Map<String, Object>> replayed = new ArrayList<>(sent);
        replayed.add(Map.of(
                "type",
                "track",
                "messageId",
                "m-" + UUID.randomUUID(),
                "anonymousId",
                device,
                "event",
                "Cart Viewed",
                "timestamp",
                before.plusSeconds(2).toString()));
        SegmentApi.given()
                .body(Map.of("batch", replayed))
                .post("/v1/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(3), "duplicates", equalTo(0), "suppressed", equalTo(3));
        SegmentApi.given()
                .body(Map.of(
                        "anonymousId",
                        "d-" + UUID.randomUUID(),
                        "event",
                        "Order Completed",
                        "context",
                        Map.of("traits", Map.of("email", email)),
                        "timestamp",
                        before.plusSeconds(3).toString()))
                .post("/v1/track")
                .then()
                .statusCode(200)
                .body("suppressed", equalTo(true), "oneId", nullValue());
        for (Map.Entry<String, String> identifier : Map.of("user_id", userId, "email", email, "anonymous_id", device)
                .entrySet()) {
            given().queryParam("type", identifier.getKey())
                    .queryParam("value", identifier.getValue())
                    .get("/v1/profiles")
                    .then()
                    .statusCode(404);
        }

        // What happens after the erasure is the person coming back: a fresh profile, nothing of the old one.
        String again = SegmentApi.given()
                .body(Map.of("userId", userId, "event", "Signed In"))
                .post("/v1/track")
                .then()
                .statusCode(200)
                .body("suppressed", equalTo(false))
                .extract()
                .path("oneId");
        JsonPath fresh = given().get("/v1/profiles/" + again)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(Map.of(), fresh.getMap("traits"));
        assertEquals(List.of(Map.of("type", "user_id", "value", userId)), fresh.getList("identifiers"));
    }

    @Test
    void anIdentifierMarkedSharedStillTakesOldEventsAfterAnErasure() {
        String userId = "u-" + UUID.randomUUID();
        String kiosk = "d-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(60);
        String oneId = SegmentApi.given()
                .body(Map.of("userId", userId, "anonymousId", kiosk, "event", "Signed In"))
                .post("/v1/track")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        UnmergeResponse split = identity.unmerge(UnmergeRequest.newBuilder()
                        .setOneId(oneId)
                        .setIdentifier(
                                Identifier.newBuilder().setType("anonymous_id").setValue(kiosk))
                        .setReason("an in-store kiosk")
                        .build())
                .await()
                .atMost(WAIT);
        String kioskProfile = split.getParts(1).getOneId();
        given().post("/v1/profiles/" + kioskProfile + "/erasure").then().statusCode(202);

        SegmentApi.given()
                .body(Map.of("anonymousId", kiosk, "event", "Store Visited", "timestamp", before.toString()))
                .post("/v1/track")
                .then()
                .statusCode(200)
                .body("suppressed", equalTo(false));
        given().queryParam("type", "anonymous_id")
                .queryParam("value", kiosk)
                .get("/v1/profiles")
                .then()
                .statusCode(200);
    }

    @Test
    void erasingSomeoneUnknownAnswersNotFound() {
        given().post("/v1/profiles/" + UUID.randomUUID() + "/erasure").then().statusCode(404);
        given().queryParam("type", "email")
                .queryParam("value", "nobody-" + UUID.randomUUID() + "@example.com")
                .post("/v1/erasures")
                .then()
                .statusCode(404);
        given().queryParam("type", "email").post("/v1/erasures").then().statusCode(400);
        given().get("/v1/erasures/" + UUID.randomUUID()).then().statusCode(404);
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class,
                () -> identity.erase(GetProfileRequest.newBuilder()
                                .setOneId(UUID.randomUUID().toString())
                                .build())
                        .await()
                        .atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    private static void confirm(String requestId, String oneId, String service, Instant finishedAt) {
        ErasureConfirmed confirmed = ErasureConfirmed.newBuilder()
                .setRequestId(requestId)
                .setOneId(oneId)
                .setService(service)
                .addStores(StoreErased.newBuilder()
                        .setService(service)
                        .setStore("redis")
                        .setFinishedAt(ProtoTime.timestamp(finishedAt)))
                .build();
        TestKafka.send(
                "cdp.privacy.confirmations",
                oneId,
                confirmed.toByteArray(),
                Map.of("cdp-schema", "cdp.v1.ErasureConfirmed"));
    }

    private static JsonPath awaitComplete(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonPath receipt = given().get("/v1/erasures/" + requestId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (receipt.getBoolean("complete")) {
                return receipt;
            }
            assertTrue(System.nanoTime() < deadline, "the receipt never completed: " + receipt.prettify());
            Thread.sleep(200);
        }
    }

    /** A person seen on the web (userId, email, consent) and in the app (anonymousId), then linked. */
    private record Person(String oneId, String absorbed, String email) {

        static Person mergedFromTwoChannels() {
            String userId = "u-" + UUID.randomUUID();
            String device = "d-" + UUID.randomUUID();
            String email = "ada." + UUID.randomUUID() + "@example.com";
            String oneId = SegmentApi.given()
                    .body(Map.of(
                            "userId",
                            userId,
                            "traits",
                            Map.of("email", email, "name", "Ada"),
                            "context",
                            Map.of("channel", "web", "consent", Map.of("marketing", Map.of("email", true)))))
                    .post("/v1/identify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("oneId");
            String absorbed = SegmentApi.given()
                    .body(Map.of("anonymousId", device, "event", "App Opened", "context", Map.of("channel", "app")))
                    .post("/v1/track")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("oneId");
            SegmentApi.given()
                    .body(Map.of(
                            "userId",
                            userId,
                            "anonymousId",
                            device,
                            "event",
                            "Signed In",
                            "context",
                            Map.of("channel", "app")))
                    .post("/v1/track")
                    .then()
                    .statusCode(200)
                    .body("oneId", equalTo(oneId));
            return new Person(oneId, absorbed, email);
        }
    }
}
