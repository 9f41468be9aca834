package dev.cdp.segment.definition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.cdp.segment.TestCatalogue;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Definitions checked against tag-service's catalogue, as read from cdp.tags.catalogue: a slip of
 * the keyboard or a comparison that can never hold is refused with the condition at fault,
 * instead of a segment that silently matches nobody.
 */
@QuarkusTest
class TagCatalogueCheckTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void aMisspeltTagIsRefusedWithTheTagItProbablyMeant() {
        define("order_count_3d >= 1")
                .statusCode(400)
                .body("field", equalTo("rule"))
                .body(
                        "error",
                        equalTo("rule: order_count_3d >= 1: order_count_3d is no tag of the catalogue; "
                                + "did you mean order_count_30d? (GET /v1/catalogue on tag-service lists the tags)"));
        preview("total_spend > 100 AND citty = 'Paris'")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("rule: citty = 'Paris': citty is no tag of the catalogue; did you mean city? "
                                + "(GET /v1/catalogue on tag-service lists the tags)"));
    }

    @Test
    void aComparisonTheTagsValuesCannotMeetIsRefused() {
        define("total_spend = 'high'")
                .statusCode(400)
                .body(
                        "error",
                        equalTo(
                                "rule: total_spend = 'high': total_spend holds numbers; compare it with a number, as in > 100"));
        define("vip = 1")
                .statusCode(400)
                .body("error", equalTo("rule: vip = 1: vip holds true / false; compare it with true or false"));
        define("city WITHIN 30 DAYS")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("rule: city WITHIN 30 DAYS: city holds text; WITHIN and BEFORE … AGO read a time"));
        define("lifecycle_stage IN ('new', 'actve')")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("rule: lifecycle_stage IN ('new', 'actve'): 'actve' is not a value of lifecycle_stage; "
                                + "its values are [new, active, lapsed, churned]"));
        define("last_order_at > 'yesterday'")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("rule: last_order_at > 'yesterday': last_order_at holds times; 'yesterday' is not an "
                                + "ISO-8601 time such as '2026-11-11T00:00:00Z'"));
    }

    @Test
    void aTreeIsRefusedNamingThePathOfTheConditionAtFault() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "tree %s", "definition": {"version": 1, "condition": {"all": [
                          {"tag": "total_spend", "op": ">", "value": 100},
                          {"not": {"tag": "vip", "op": "=", "value": "yes"}}]}}}""".formatted(UUID.randomUUID()))
                .when()
                .post("/v1/segments")
                .then()
                .statusCode(400)
                .body("field", equalTo("definition.condition.all[1].not"))
                .body(
                        "error",
                        equalTo(
                                "definition.condition.all[1].not: vip holds true / false; compare it with true or false"));
    }

    @Test
    void conditionsEveryTagTypeAllowsAreAccepted() {
        define("browse_category_30d.shoes >= 3 AND browse_category_30d CONTAINS 'bags' "
                        + "AND lifecycle_stage IN ('new', 'active') AND last_order_at WITHIN 30 DAYS "
                        + "AND last_order_at > '2026-01-01T00:00:00Z' AND vip = true AND city IS SET "
                        + "AND total_spend BETWEEN 10 AND 20")
                .statusCode(201);
    }

    @Test
    void aRetiredTagCannotBeReadByANewSegment() {
        String code = "legacy_score_" + UUID.randomUUID().toString().substring(0, 8);
        TestCatalogue.tag(code, "NUMBER", "RETIRED");
        TestCatalogue.awaitKnown(code);
        define(code + " > 1")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("rule: " + code + " > 1: tag " + code
                                + " is retired: tag-service no longer computes it"));
    }

    private static ValidatableResponse define(String rule) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"checked %s\", \"rule\": \"%s\"}".formatted(UUID.randomUUID(), rule))
                .when()
                .post("/v1/segments")
                .then();
    }

    private static ValidatableResponse preview(String rule) {
        return given().contentType(ContentType.JSON)
                .body("{\"rule\": \"%s\"}".formatted(rule))
                .when()
                .post("/v1/segments/preview")
                .then();
    }
}
