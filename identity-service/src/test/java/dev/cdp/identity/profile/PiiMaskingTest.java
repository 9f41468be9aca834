package dev.cdp.identity.profile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cdp.identity.SegmentApi;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.TestKafka;
import dev.cdp.testing.TestTokens;
import io.grpc.Metadata;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Roles without PII rights (analyst, marketer) read profiles with contact data masked; admin and privacy in clear. */
@QuarkusTest
class PiiMaskingTest {

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void anAnalystSeesContactDataMaskedWhereAnAdminSeesItInClear() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String email = "ada." + id + "@example.com";
        String last4 = String.format("%04d", Math.floorMod(id.hashCode(), 10_000));
        String mobile = "1380013" + last4;
        String oneId = SegmentApi.given()
                .body(Map.of(
                        "userId",
                        "u-" + id,
                        "traits",
                        Map.of("email", email, "phone", mobile, "name", "Ada Lovelace", "plan", "gold")))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");

        JsonPath masked = read(oneId, Roles.ANALYST);
        assertEquals("a***@example.com", masked.getString("identifiers.find { it.type == 'email' }.value"));
        assertEquals("+86 138****" + last4, masked.getString("identifiers.find { it.type == 'phone' }.value"));
        assertEquals(
                "u-" + id,
                masked.getString("identifiers.find { it.type == 'user_id' }.value"),
                "pseudonymous ids stay");
        assertEquals("a***@example.com", masked.getString("traits.email"));
        assertEquals("A. L.", masked.getString("traits.name"));
        assertEquals("gold", masked.getString("traits.plan"), "traits that are not personal data stay");
        assertEquals(
                "\"A. L.\"",
                given().header("Authorization", "Bearer " + TestTokens.as(Roles.MARKETER, Roles.ANALYST))
                        .get("/v1/profiles/" + oneId + "/traits/name/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].value"));

        for (String role : new String[] {Roles.ADMIN, Roles.PRIVACY}) {
            JsonPath clear = read(oneId, role);
            assertEquals(email, clear.getString("identifiers.find { it.type == 'email' }.value"));
            assertEquals("+86" + mobile, clear.getString("identifiers.find { it.type == 'phone' }.value"));
            assertEquals("Ada Lovelace", clear.getString("traits.name"));
        }

        Profile overGrpc = GrpcClientUtils.attachHeaders(identity, bearer(Roles.MARKETER))
                .getProfile(GetProfileRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(
                "a***@example.com",
                overGrpc.getIdentifiersList().stream()
                        .filter(i -> i.getType().equals("email"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());
        assertEquals("A. L.", overGrpc.getTraits().getFieldsOrThrow("name").getStringValue());
        Profile asService = GrpcClientUtils.attachHeaders(identity, bearer(Roles.SERVICE))
                .getProfile(GetProfileRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(
                "Ada Lovelace", asService.getTraits().getFieldsOrThrow("name").getStringValue());
    }

    @Test
    void resolvedEventsCarryNoContactDataToTheOtherServices() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            String oneId = SegmentApi.given()
                    .body(Map.of(
                            "userId",
                            "u-" + id,
                            "traits",
                            Map.of("email", "grace." + id + "@example.com", "name", "Grace Hopper", "plan", "gold"),
                            "context",
                            Map.of("traits", Map.of("phone", "+8613912340000", "tier", "vip"))))
                    .post("/v1/identify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("oneId");
            byte[] payload = resolved.await(r -> oneId.equals(r.key()), Duration.ofSeconds(20))
                    .value();
            String text = new String(payload, StandardCharsets.UTF_8);
            assertFalse(
                    text.contains("grace." + id) || text.contains("13912340000") || text.contains("Grace"),
                    "contact data on the topic");
            ResolvedEvent event = ResolvedEvent.parseFrom(payload);
            assertEquals(
                    List.of("email", "phone", "user_id"),
                    event.getIdentifierKeysList().stream()
                            .map(k -> k.substring(0, k.indexOf(':')))
                            .sorted()
                            .toList(),
                    "the event's identifiers, as keys a split can match");
            assertEquals(
                    Set.of("plan"), event.getEvent().getTraits().getFieldsMap().keySet());
            assertEquals(
                    Set.of("tier"),
                    event.getEvent()
                            .getContext()
                            .getExtra()
                            .getFieldsOrThrow("traits")
                            .getStructValue()
                            .getFieldsMap()
                            .keySet());
        }
    }

    private static JsonPath read(String oneId, String role) {
        return given().header("Authorization", "Bearer " + TestTokens.as(role))
                .get("/v1/profiles/" + oneId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Metadata bearer(String role) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestTokens.as(role));
        return headers;
    }
}
