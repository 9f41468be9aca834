package dev.cdp.identity.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.ResolvedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV imports of CRM members and POS customers against real PostgreSQL and Kafka. */
@QuarkusTest
class ImportApiTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void goodRowsAreAppliedBadRowsReportedByLineAndColumnAndAReUploadIsCountedAsDuplicates() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String phone =
                "+86138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String csv = """
                crm_id,member_card,email,phone,trait.name,trait.level
                crm-%1$s-1,M-%1$s-1,ada-%1$s@example.com,%2$s,Ada,gold

                crm-%1$s-2,,bob-%1$s@example.com,12,Bob,silver
                undefined,M-%1$s-3,,,Cy,bronze
                crm-%1$s-4,,test@test.com,,"Dee, the second",silver
                ,,eve-%1$s@example.com,,Eve,gold
                crm-%1$s-6,,not-an-email,,Fay,gold
                """.formatted(run, phone);
        String id = "crm-export-" + run;
        try (TestKafka.Watch resolved = TestKafka.watch("cdp.events.resolved")) {
            upload(id, csv)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(id))
                    .body("kind", equalTo("crm_member"))
                    .body("state", equalTo("DONE"))
                    .body("rows", is(6))
                    .body("accepted", is(2))
                    .body("duplicates", is(0))
                    .body("rejected", hasSize(4))
                    .body("rejected.line", org.hamcrest.Matchers.contains(4, 5, 7, 8))
                    .body("rejected[0].field", equalTo("phone"))
                    .body("rejected[0].reason", containsString("phone \"12\""))
                    .body("rejected[1].field", equalTo("crm_id"))
                    .body("rejected[1].reason", containsString("crm_id \"undefined\" is a placeholder value"))
                    .body("rejected[2].field", equalTo("crm_id"))
                    .body("rejected[2].reason", containsString("crm_id is required"))
                    .body("rejected[3].field", equalTo("email"))
                    .body("rejected[3].reason", containsString("email \"not-an-email\" is not an email address"));

            ResolvedEvent ada = ResolvedEvent.parseFrom(resolved.await(
                            r -> r.value() != null
                                    && new String(r.value(), java.nio.charset.StandardCharsets.ISO_8859_1)
                                            .contains("import-" + id + "-row-1"),
                            Duration.ofSeconds(20))
                    .value());
            org.junit.jupiter.api.Assertions.assertEquals(
                    "crm", ada.getEvent().getContext().getChannel());
        }

        given().queryParam("type", "phone")
                .queryParam("value", phone)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.name", equalTo("Ada"))
                .body("traits.level", equalTo("gold"))
                .body("identifiers.value", hasItem("M-" + run + "-1"))
                .body("identifiers.value", hasItem("crm-" + run + "-1"));
        given().queryParam("type", "crm_id")
                .queryParam("value", "crm-" + run + "-4")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.name", equalTo("Dee, the second"))
                .body("identifiers.type", org.hamcrest.Matchers.not(hasItem("email")));
        // A rejected row left nothing behind, not even its valid identifiers.
        given().queryParam("type", "email")
                .queryParam("value", "bob-" + run + "@example.com")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);
        given().queryParam("type", "member_card")
                .queryParam("value", "M-" + run + "-3")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);

        upload(id, csv)
                .then()
                .statusCode(200)
                .body("accepted", is(2))
                .body("duplicates", is(2))
                .body("rejected", hasSize(4));
        given().when()
                .get("/v1/imports/" + id)
                .then()
                .statusCode(200)
                .body("duplicates", is(2))
                .body("rejected[1].line", is(5))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theSameFileWithoutAnIdGetsTheSameIdSoItIsNotAppliedTwice() {
        String customer = "pos-" + UUID.randomUUID();
        String csv = "pos_customer_id,phone,trait.store\n" + customer + ",,Shanghai-01\n";
        String id = pos(csv).then()
                .statusCode(200)
                .body("accepted", is(1))
                .body("duplicates", is(0))
                .extract()
                .path("id");
        pos(csv).then().statusCode(200).body("id", equalTo(id)).body("duplicates", is(1));
        given().queryParam("type", "pos_customer_id")
                .queryParam("value", customer)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.store", equalTo("Shanghai-01"));
    }

    @Test
    void aFileThatCannotBeReadAsAWholeIsRefusedAndNothingApplied() {
        String customer = "pos-" + UUID.randomUUID();
        given().contentType("text/csv")
                .queryParam("kind", "crm_member")
                .body("crm_id\nc-1\n")
                .when()
                .post("/v1/imports")
                .then()
                .statusCode(401)
                .body("error", containsString("no write key"));
        pos("pos_customer_id,shoe_size\n" + customer + ",42\n")
                .then()
                .statusCode(400)
                .body("field", equalTo("header"))
                .body("error", containsString("column \"shoe_size\" is neither an identifier type nor trait.<name>"));
        pos("email,trait.name\n" + customer + "@example.com,X\n")
                .then()
                .statusCode(400)
                .body("error", containsString("has no pos_customer_id column"));
        csv(SegmentApi.DEMO_WRITE_KEY)
                .queryParam("kind", "loyalty")
                .body("crm_id\nc-1\n")
                .when()
                .post("/v1/imports")
                .then()
                .statusCode(400)
                .body("field", equalTo("kind"))
                .body("error", containsString("one of crm_member, pos_customer"));
        StringBuilder big = new StringBuilder("pos_customer_id\n");
        for (int i = 0; i <= 50_000; i++) {
            big.append(customer).append('-').append(i).append('\n');
        }
        pos(big.toString())
                .then()
                .statusCode(413)
                .body("error", containsString("50001 rows; an import takes at most 50000"));
        given().queryParam("type", "pos_customer_id")
                .queryParam("value", customer + "-0")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);
        given().when().get("/v1/imports/no-such-import").then().statusCode(404);
    }

    private static io.restassured.response.Response upload(String id, String csv) {
        return csv(SegmentApi.DEMO_WRITE_KEY)
                .queryParam("kind", "crm_member")
                .queryParam("id", id)
                .body(csv)
                .when()
                .post("/v1/imports");
    }

    private static io.restassured.response.Response pos(String csv) {
        return csv(SegmentApi.DEMO_WRITE_KEY)
                .queryParam("kind", "pos_customer")
                .body(csv)
                .when()
                .post("/v1/imports");
    }

    /** The source named by the query parameter, as a CRM export job would. */
    private static RequestSpecification csv(String writeKey) {
        return given().contentType("text/csv").queryParam("source", writeKey);
    }
}
