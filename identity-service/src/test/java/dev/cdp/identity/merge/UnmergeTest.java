package dev.cdp.identity.merge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.UnmergeRequest;
import dev.cdp.proto.v1.UnmergeResponse;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong merges taken apart, and traits that follow their sources, against real PostgreSQL and Kafka. */
@QuarkusTest
class UnmergeTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void aShopEmailTypedForTwoCustomersIsTakenOutAndTheyAreTwoPeopleAgainWithTheirOwnTraits() throws Exception {
        String r = UUID.randomUUID().toString().substring(0, 8);
        String shop = "till-" + r + "@store.example";
        String annPhone = phone();
        String bobPhone = phone();
        identify("ann-" + r, shop, annPhone, "Ann", "web");
        identify("bob-" + r, shop, bobPhone, "Bob", "pos");
        JsonPath joined = byIdentifier("email", shop);
        String oneId = joined.getString("oneId");
        assertEquals(5, joined.getList("identifiers").size(), "the shop's email joined both customers");
        assertEquals("Bob", joined.getString("traits.name"), "the till (pos) outranks the website");

        JsonPath split;
        try (TestKafka.Watch changes = TestKafka.watch("cdp.identity.changed")) {
            split = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "identifier",
                            Map.of("type", "email", "value", shop),
                            "reason",
                            "the till's email, typed for customers"))
                    .post("/v1/profiles/" + oneId + "/unmerge")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            IdentityChanged published = IdentityChanged.parseFrom(
                    changes.await(r2 -> oneId.equals(r2.key()), WAIT).value());
            assertEquals(IdentityChange.SPLIT, published.getChange());
            assertEquals(3, published.getPartsCount());
            assertEquals(oneId, published.getParts(0).getOneId());
        }
        assertEquals(3, split.getList("parts").size());

        JsonPath ann = byIdentifier("phone", annPhone);
        JsonPath bob = byIdentifier("phone", bobPhone);
        assertEquals(oneId, ann.getString("oneId"), "the customer seen first keeps the OneID");
        assertEquals("Ann", ann.getString("traits.name"));
        assertEquals("Bob", bob.getString("traits.name"));
        assertNotEquals(oneId, bob.getString("oneId"));
        assertEquals(
                List.of("anonymous_id", "phone"),
                ann.getList("identifiers.type").stream().sorted().toList());
        assertEquals(List.of("email"), byIdentifier("email", shop).getList("identifiers.type"));

        // The till's email is now shared: a third customer using it is not joined to anyone.
        identify("cat-" + r, shop, null, "Cat", "pos");
        JsonPath cat = byIdentifier("anonymous_id", "cat-" + r);
        assertEquals(List.of("anonymous_id"), cat.getList("identifiers.type"));
        assertEquals(List.of("email"), byIdentifier("email", shop).getList("identifiers.type"));
        given().get("/v1/profiles/" + oneId + "/traits/name/history")
                .then()
                .statusCode(200)
                .body("value", equalTo(List.of("\"Ann\"")));
    }

    @Test
    void aProfileMergedByMistakeComesBackUnderItsOwnOneIdAndOrdinal() {
        String user = "u-" + UUID.randomUUID();
        String device = "d-" + UUID.randomUUID();
        SegmentApi.given()
                .body("{\"userId\": \"" + user + "\", \"event\": \"Signed In\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        SegmentApi.given()
                .body("{\"anonymousId\": \"" + device + "\", \"event\": \"App Opened\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        JsonPath before = byIdentifier("anonymous_id", device);
        SegmentApi.given()
                .body("{\"userId\": \"" + user + "\", \"anonymousId\": \"" + device + "\", \"event\": \"Signed In\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        String survivor = byIdentifier("user_id", user).getString("oneId");
        assertEquals(
                survivor, byIdentifier("anonymous_id", device).getString("oneId"), "the device merged into the user");

        UnmergeResponse response = identity.unmerge(UnmergeRequest.newBuilder()
                        .setOneId(before.getString("oneId"))
                        .setIdentifier(
                                Identifier.newBuilder().setType("anonymous_id").setValue(device))
                        .setReason("a shared kiosk")
                        .build())
                .await()
                .atMost(WAIT);
        assertEquals(
                survivor, response.getParts(0).getOneId(), "an absorbed OneID addresses its survivor, which is split");
        assertEquals(before.getString("oneId"), response.getParts(1).getOneId());
        assertEquals(before.getInt("ordinal"), response.getParts(1).getOrdinal());

        Profile revived = identity.getProfile(GetProfileRequest.newBuilder()
                        .setOneId(before.getString("oneId"))
                        .build())
                .await()
                .atMost(WAIT);
        assertEquals(
                before.getString("oneId"), revived.getOneId(), "it answers for itself again, not for the survivor");
        assertEquals(
                List.of(device),
                revived.getIdentifiersList().stream().map(Identifier::getValue).toList());
    }

    @Test
    void badUnmergesAreRefusedSayingWhy() {
        String email = "x-" + UUID.randomUUID() + "@example.com";
        identify("only-" + email.substring(2, 10), email, null, "X", "web");
        String oneId = byIdentifier("email", email).getString("oneId");

        unmerge(oneId, "email", "nobody-" + email, "typo")
                .statusCode(400)
                .body("error", containsString("does not hold email:nobody-"));
        unmerge(UUID.randomUUID().toString(), "email", email, "typo").statusCode(404);
        unmerge(oneId, "email", email, " ").statusCode(400).body("error", containsString("reason"));
        unmerge(oneId, "phone", "12", "typo").statusCode(400).body("error", containsString("phone"));
    }

    @Test
    void anOperatorMergesProfilesUnderTheSameLimitsAsEvents() {
        String a = "op-a-" + UUID.randomUUID();
        String b = "op-b-" + UUID.randomUUID();
        String c = "op-c-" + UUID.randomUUID();
        SegmentApi.given()
                .body("{\"anonymousId\": \"" + a + "\", \"event\": \"Viewed\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        SegmentApi.given()
                .body("{\"userId\": \"" + b + "\", \"event\": \"Viewed\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        SegmentApi.given()
                .body("{\"userId\": \"" + c + "\", \"event\": \"Viewed\"}")
                .post("/v1/track")
                .then()
                .statusCode(200);
        String oneA = byIdentifier("anonymous_id", a).getString("oneId");
        String oneB = byIdentifier("user_id", b).getString("oneId");
        String oneC = byIdentifier("user_id", c).getString("oneId");

        given().contentType(ContentType.JSON)
                .body(Map.of("oneIds", List.of(oneA, oneB), "reason", "confirmed by phone"))
                .post("/v1/profiles/merge")
                .then()
                .statusCode(200)
                .body("oneId", equalTo(oneA))
                .body("absorbed", hasItem(oneB));
        given().contentType(ContentType.JSON)
                .body(Map.of("oneIds", List.of(oneA, oneC), "reason", "same household"))
                .post("/v1/profiles/merge")
                .then()
                .statusCode(200)
                .body("absorbed", not(hasItem(oneC)))
                .body("refused[0].reason", containsString("user_id"));
        assertTrue(byIdentifier("user_id", c).getString("oneId").equals(oneC), "two user ids stay two people");
    }

    private static io.restassured.response.ValidatableResponse unmerge(
            String oneId, String type, String value, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("identifier", Map.of("type", type, "value", value), "reason", reason))
                .post("/v1/profiles/" + oneId + "/unmerge")
                .then();
    }

    private static void identify(String anonymousId, String email, String phone, String name, String channel) {
        String traits = "\"email\": \"" + email + "\", \"name\": \"" + name + "\""
                + (phone == null ? "" : ", \"phone\": \"" + phone + "\"");
        SegmentApi.given()
                .body("{\"anonymousId\": \"" + anonymousId + "\", \"traits\": {" + traits
                        + "}, \"context\": {\"channel\": \"" + channel + "\"}}")
                .post("/v1/identify")
                .then()
                .statusCode(200);
    }

    private static JsonPath byIdentifier(String type, String value) {
        return given().queryParam("type", type)
                .queryParam("value", value)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String phone() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
