package dev.cdp.identity.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads of personal data, merges and source changes are recorded with who, when and from where; the log cannot be rewritten. */
@QuarkusTest
class AuditLogTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("identity")
    IdentityService identity;

    @Inject
    Pool pool;

    @Test
    void readsMergesAndSourceChangesAreRecordedWithTheCallerAndTheLogIsAppendOnly() {
        Instant start = Instant.now().minusSeconds(1);
        String id = UUID.randomUUID().toString().substring(0, 8);
        String first = SegmentApi.given()
                .body(Map.of("userId", "audit-a-" + id))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        String second = SegmentApi.given()
                .body(Map.of("anonymousId", "audit-b-" + id))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");

        given().header("Authorization", "Bearer " + TestTokens.as(Roles.ANALYST))
                .get("/v1/profiles/" + first)
                .then()
                .statusCode(200);
        given().body(Map.of("oneIds", List.of(first, second), "reason", "same customer"))
                .contentType("application/json")
                .post("/v1/profiles/merge")
                .then()
                .statusCode(200);
        identity.getProfile(GetProfileRequest.newBuilder().setOneId(first).build())
                .await()
                .atMost(Duration.ofSeconds(10));
        String source = given().contentType("application/json")
                .body(Map.of("name", "audit-" + id, "channel", "web"))
                .post("/v1/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonPath person = given().queryParam("oneId", first)
                .queryParam("since", start.toString())
                .get("/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> actions = person.getList("action");
        assertTrue(actions.containsAll(List.of("PROFILE_READ", "MERGE")), actions.toString());
        assertEquals(
                List.of("analyst"),
                person.getList("find { it.action == 'PROFILE_READ' && it.roles == ['analyst'] }.roles"));
        assertEquals("test-user", person.getString("find { it.action == 'MERGE' }.actor"));
        assertTrue(
                person.getString("find { it.action == 'PROFILE_READ' }.address").startsWith("127.0.0.1"),
                person.getString("find { it.action == 'PROFILE_READ' }.address"));
        assertEquals(
                2, person.getList("findAll { it.action == 'PROFILE_READ' }").size(), "REST and gRPC reads: " + actions);
        assertFalse(person.prettify().contains(first), "the log names people by a keyed hash, not their OneID");

        JsonPath sources = given().queryParam("action", "SOURCE_CREATE")
                .queryParam("since", start.toString())
                .get("/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(sources.getList("target").contains(source));

        for (String rewrite : List.of(
                "update audit_entry set actor = 'someone else'", "delete from audit_entry", "truncate audit_entry")) {
            Exception refused = assertThrows(
                    Exception.class, () -> pool.query(rewrite).execute().await().atMost(Duration.ofSeconds(10)));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        given().queryParam("action", "NOTHING").get("/v1/audit").then().statusCode(400);
    }
}
