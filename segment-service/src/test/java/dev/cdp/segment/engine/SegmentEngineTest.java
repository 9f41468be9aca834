package dev.cdp.segment.engine;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profile index follows what segment-service stores: a tag change moves a profile in or out
 * of a draft's count at once, a profile merged away is in no count any more. Read through the
 * preview, the index's own answer.
 */
@QuarkusTest
class SegmentEngineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    @Test
    void theIndexFollowsTagChangesAndMergesAndReadinessWaitsForIt() {
        String cohort = UUID.randomUUID().toString();
        // OneIDs whose order is known: the sample comes in OneID order.
        List<String> oneIds = List.of(oneId('a'), oneId('b'), oneId('c'));
        for (int i = 0; i < oneIds.size(); i++) {
            send(TestTags.changed(oneIds.get(i), 700 + i, TestTags.of("cohort", cohort, "total_spend", 100 * (i + 1))));
        }
        String draft = "{\"rule\": \"cohort = '" + cohort + "' AND total_spend >= 200\"}";
        await().atMost(TIMEOUT).until(() -> preview(draft).getInt("count") == 2);
        assertSample(draft, List.of(oneIds.get(1), oneIds.get(2)));

        // The first profile's spend grows: it is in the count from its next change on.
        send(TestTags.changed(oneIds.get(0), 700, TestTags.of("cohort", cohort, "total_spend", 250)));
        await().atMost(TIMEOUT).until(() -> preview(draft).getInt("count") == 3);

        // The second is merged into the third: its tags are no one's any more.
        IdentityChanged merge = IdentityChanged.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setChange(IdentityChange.MERGED)
                .setOneId(oneIds.get(2))
                .setOrdinal(702)
                .addAbsorbed(
                        AbsorbedProfile.newBuilder().setOneId(oneIds.get(1)).setOrdinal(701))
                .build();
        TestKafka.send(
                "cdp.identity.changed",
                oneIds.get(2),
                merge.toByteArray(),
                Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
        await().atMost(TIMEOUT).until(() -> preview(draft).getInt("count") == 2);
        assertSample(draft, List.of(oneIds.get(0), oneIds.get(2)));

        ManagementInterface.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("segment engine"));
    }

    private static String oneId(char first) {
        return first + UUID.randomUUID().toString().substring(1);
    }

    private static void assertSample(String draft, List<String> expected) {
        given().contentType("application/json")
                .body(draft)
                .when()
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("sample", equalTo(expected));
    }

    private static JsonPath preview(String draft) {
        return given().contentType("application/json")
                .body(draft)
                .when()
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void send(TagsChanged change) {
        TestKafka.send(
                "cdp.tags.changed",
                change.getOneId(),
                change.toByteArray(),
                Map.of("cdp-schema", "cdp.v1.TagsChanged"));
    }
}
