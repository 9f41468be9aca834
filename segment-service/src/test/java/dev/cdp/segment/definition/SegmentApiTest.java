package dev.cdp.segment.definition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.segment.TestSegments;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Defining and reading segments over gRPC and REST. */
@QuarkusTest
class SegmentApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @GrpcClient("segments")
    SegmentService segments;

    @Test
    void aCreatedSegmentCanBeReadBackEmpty() {
        String name = "loyal " + UUID.randomUUID();
        Segment created = create(name, "order_count_30d >= 3");

        Segment read = segments.getSegment(
                        GetSegmentRequest.newBuilder().setId(created.getId()).build())
                .await()
                .atMost(TIMEOUT);

        // The backfill's progress is live, as the size is; the rest reads back as created.
        assertEquals(
                created.toBuilder().clearBackfill().build(),
                read.toBuilder().clearBackfill().build());
        assertEquals(name, read.getName());
        assertEquals("order_count_30d >= 3", read.getRule());
        assertEquals(0, read.getSize());
        assertTrue(read.getCreatedAt().getSeconds() > 0);
        assertFalse(segments.isMember(IsMemberRequest.newBuilder()
                        .setSegmentId(created.getId())
                        .setOneId(UUID.randomUUID().toString())
                        .build())
                .await()
                .atMost(TIMEOUT)
                .getMember());
    }

    @Test
    void aBadRuleOrBlankNameIsAnInvalidArgumentSayingWhatIsWrong() {
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "rule: unknown operator '=>' at position 12",
                () -> create("bad " + UUID.randomUUID(), "total_spend => 100"));
        assertStatus(Status.Code.INVALID_ARGUMENT, "name: must not be blank", () -> create("  ", "total_spend > 100"));
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "rule: must not be blank; write a condition such as total_spend > 100",
                () -> create("empty " + UUID.randomUUID(), ""));
    }

    @Test
    void aSecondSegmentWithTheSameNameAlreadyExists() {
        String name = "twins " + UUID.randomUUID();
        create(name, "total_spend > 100");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> create(name, "total_spend > 200"));

        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(name));
    }

    @Test
    void unknownSegmentsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertStatus(
                Status.Code.NOT_FOUND,
                "no segment has id \"" + unknown + "\"; GET /v1/segments lists them",
                () -> segments.getSegment(
                                GetSegmentRequest.newBuilder().setId(unknown).build())
                        .await()
                        .atMost(TIMEOUT));
        assertStatus(
                Status.Code.NOT_FOUND,
                null,
                () -> segments.isMember(IsMemberRequest.newBuilder()
                                .setSegmentId(unknown)
                                .setOneId("someone")
                                .build())
                        .await()
                        .atMost(TIMEOUT));
        assertStatus(
                Status.Code.NOT_FOUND,
                null,
                () -> segments.listMembers(ListMembersRequest.newBuilder()
                                .setSegmentId(unknown)
                                .build())
                        .collect()
                        .asList()
                        .await()
                        .atMost(TIMEOUT));
    }

    @Test
    void restCreatesListsAndReadsSegments() {
        String cohort = UUID.randomUUID().toString();
        String name = "rest " + cohort;
        String rule = "cohort = '" + cohort + "' AND total_spend > 10";
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created = given().contentType(
                        ContentType.JSON)
                .body("{\"name\": \"%s\", \"rule\": \"%s\"}".formatted(name, rule))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("rule", equalTo(rule))
                .body("size", is(0))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/v1/segments/" + id));

        given().when().get("/v1/segments").then().statusCode(200).body("name", hasItem(name));
        given().when()
                .get("/v1/segments/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("size", is(0));
        given().when()
                .get("/v1/segments/" + id + "/members")
                .then()
                .statusCode(200)
                .body("size()", is(0));
    }

    @Test
    void aConditionSentAsTheJsonTreeReadsBackAsTheSameTreeAndAsText() {
        String name = "tree " + UUID.randomUUID();
        String tree = """
                {"version": 1, "condition": {"all": [
                    {"tag": "total_spend", "op": "between", "values": [100, 500.5]},
                    {"tag": "city", "op": "not in", "values": ["Shanghai", "Beijing"]},
                    {"any": [{"tag": "last_order_at", "op": "within", "days": 30}, {"not": {"tag": "email", "op": "is set"}}]}]}}""";
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"definition\": %s}".formatted(name, tree))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .body(
                        "rule",
                        equalTo("total_spend BETWEEN 100 AND 500.5 AND city NOT IN ('Shanghai', 'Beijing')"
                                + " AND (last_order_at WITHIN 30 DAYS OR NOT email IS SET)"))
                .body("definition.condition.all[0].values[1]", equalTo(500.5f))
                .body("definition.condition.all[2].any[0].days", equalTo(30))
                .extract()
                .path("id");

        String textForm = given().when()
                .get("/v1/segments/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("rule");
        String fromText = given().contentType(ContentType.JSON)
                .body("{\"name\": \"text %s\", \"rule\": \"%s\"}".formatted(UUID.randomUUID(), textForm))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(201)
                .extract()
                .body()
                .jsonPath()
                .getString("definition");
        String fromTree = given().when()
                .get("/v1/segments/" + id)
                .then()
                .extract()
                .body()
                .jsonPath()
                .getString("definition");
        assertEquals(fromTree, fromText, "the text form and the tree are one condition");

        Segment overGrpc = segments.createSegment(CreateSegmentRequest.newBuilder()
                        .setName("grpc " + UUID.randomUUID())
                        .setDefinitionJson(
                                "{\"version\": 1, \"condition\": {\"tag\": \"vip\", \"op\": \"=\", \"value\": true}}")
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals("vip = true", overGrpc.getRule());
        assertEquals(
                "{\"version\":1,\"condition\":{\"tag\":\"vip\",\"op\":\"=\",\"value\":true}}",
                overGrpc.getDefinitionJson());
    }

    @Test
    void aBadTreeIsRefusedNamingThePathOfTheNodeThatIsWrong() {
        String body = "{\"name\": \"bad tree %s\", \"definition\": {\"version\": 1, \"condition\": {\"all\": [%s]}}}";
        given().contentType(ContentType.JSON)
                .body(
                        body.formatted(
                                UUID.randomUUID(),
                                "{\"tag\": \"vip\", \"op\": \"=\", \"value\": true}, {\"tag\": \"total_spend\", \"op\": \"=>\", \"value\": 1}"))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("definition.condition.all[1].op"))
                .body("error", containsString("\"=>\" is not an operator"));
        given().contentType(ContentType.JSON)
                .body(body.formatted(UUID.randomUUID(), "{\"tag\": \"total_spend\", \"op\": \">\", \"valeu\": 1}"))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("definition.condition.all[0].valeu"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"v2 %s\", \"definition\": {\"version\": 2, \"condition\": {}}}"
                        .formatted(UUID.randomUUID()))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("definition.version"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"both %s\", \"rule\": \"vip = true\", \"definition\": {}}"
                        .formatted(UUID.randomUUID()))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("error", containsString("not both"));
    }

    @Test
    void aSegmentOfSegmentsMustNameSegmentsThatExist() {
        String vip = "vip " + UUID.randomUUID();
        create(vip, "vip = true");
        create("vip on app " + UUID.randomUUID(), "IN SEGMENT '" + vip + "' AND last_channel = 'app'");
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "rule: IN SEGMENT 'nobody' names no segment; GET /v1/segments lists them",
                () -> create("dangling " + UUID.randomUUID(), "IN SEGMENT 'nobody'"));
        String self = "self " + UUID.randomUUID();
        assertStatus(
                Status.Code.INVALID_ARGUMENT,
                "rule: IN SEGMENT '" + self + "' is the segment itself",
                () -> create(self, "IN SEGMENT '" + self + "'"));
    }

    @Test
    void restRejectsBadInputWithTheFieldNamed() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x " + UUID.randomUUID() + "\", \"rule\": \"total_spend => 100\"}")
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("rule"))
                .body("error", equalTo("rule: unknown operator '=>' at position 12"));
        given().contentType(ContentType.JSON)
                .body("{\"rule\": \"total_spend > 1\"}")
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": 7, \"rule\": \"total_spend > 1\"}")
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("error", equalTo("name: must be a string, got number"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": ")
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("body"))
                .body("error", containsString("not valid JSON"));

        String name = "taken " + UUID.randomUUID();
        create(name, "total_spend > 1");
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"rule\": \"total_spend > 2\"}".formatted(name))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(409)
                .body("field", equalTo("name"))
                .body("error", containsString("already exists"));

        String id = create("paged " + UUID.randomUUID(), "total_spend > 1").getId();
        given().when()
                .get("/v1/segments/" + id + "/members?limit=abc")
                .then()
                .statusCode(400)
                .body("error", equalTo("limit: must be a whole number from 1 to 1000, got \"abc\""));
        given().when()
                .get("/v1/segments/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("error", containsString("no segment has id"));
        given().when()
                .get("/v1/segments/" + UUID.randomUUID() + "/members")
                .then()
                .statusCode(404)
                .body("error", containsString("no segment has id"));
    }

    private Segment create(String name, String rule) {
        return TestSegments.create(segments, name, rule);
    }

    private static void assertStatus(Status.Code code, String description, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode());
        if (description != null) {
            assertEquals(description, e.getStatus().getDescription());
        }
    }
}
