package dev.cdp.identity.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.SegmentApi;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What identity-service writes to PostgreSQL about a person: identifiers as keyed hashes, every
 * personal value sealed. Read through the API, all of it comes back in clear.
 */
@QuarkusTest
class PersonalDataAtRestTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Test
    void noTableHoldsAPersonsIdentifiersOrTraitsInClearYetTheApiReadsThemBack() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String userId = "u-rest-" + id;
        String device = "d-rest-" + id;
        String email = "lin." + id + "@example.com";
        String kioskEmail = "kiosk." + id + "@example.com";
        String mobile = "1390013" + String.format("%04d", Math.floorMod(id.hashCode(), 10_000));
        String name = "Lin Huiyin-" + id;
        String street = "1 Xueyuan Road " + id;
        // A device browsing; the user with email, phone, name and address; the user on the device (a
        // merge); the kiosk's email, typed for them, taken out again (an unmerge).
        SegmentApi.given()
                .body(Map.of("anonymousId", device, "event", "Product Viewed"))
                .post("/v1/track")
                .then()
                .statusCode(200);
        SegmentApi.given()
                .body(Map.of(
                        "userId",
                        userId,
                        "traits",
                        Map.of("email", email, "phone", mobile, "name", name, "address", street)))
                .post("/v1/identify")
                .then()
                .statusCode(200);
        String oneId = SegmentApi.given()
                .body(Map.of("userId", userId, "anonymousId", device, "event", "Signed In"))
                .post("/v1/track")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        SegmentApi.given()
                .body(Map.of("userId", userId, "traits", Map.of("email", kioskEmail)))
                .post("/v1/identify")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body(Map.of("identifier", Map.of("type", "email", "value", kioskEmail), "reason", "kiosk"))
                .post("/v1/profiles/" + oneId + "/unmerge")
                .then()
                .statusCode(200);

        List<String> values = List.of(userId, device, email, kioskEmail, mobile, name, street);
        assertEquals(List.of(), inClear(values), "where the person's values are stored in clear");

        List<String> keys = pool
                .preparedQuery("select identifier_key from profile_identifier where one_id = $1")
                .execute(Tuple.of(oneId))
                .await()
                .atMost(WAIT)
                .stream()
                .map(row -> row.getString(0))
                .toList();
        assertEquals(4, keys.size(), "user id, device, email and phone: " + keys);
        keys.forEach(key -> assertTrue(key.matches("(user_id|anonymous_id|email|phone):[A-Za-z0-9_-]{43}"), key));

        JsonPath profile = given().queryParam("type", "email")
                .queryParam("value", email)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(oneId, profile.getString("oneId"));
        assertEquals(
                List.of(device, email, "+86" + mobile, userId),
                profile.getList("identifiers.value"),
                "identifiers in type, then value order");
        assertEquals(name, profile.getString("traits.name"));
        assertEquals(street, profile.getString("traits.address"));
        assertEquals(
                List.of(device, userId),
                profile.getList("merges[0].identifiers.value").stream().sorted().toList());
        assertEquals(
                "\"" + name + "\"",
                given().get("/v1/profiles/" + oneId + "/traits/name/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].value"));
    }

    /** Every text column of every table, searched for each value: "table.column: value". */
    private List<String> inClear(List<String> values) {
        List<String> found = new ArrayList<>();
        for (Row column : pool.query("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                """).execute().await().atMost(WAIT)) {
            String table = column.getString(0);
            String name = column.getString(1);
            for (String value : values) {
                long rows = pool.preparedQuery(
                                "select count(*) from \"" + table + "\" where strpos(\"" + name + "\"::text, $1) > 0")
                        .execute(Tuple.of(value))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0);
                if (rows > 0) {
                    found.add(table + "." + name + ": " + value);
                }
            }
        }
        return found;
    }
}
