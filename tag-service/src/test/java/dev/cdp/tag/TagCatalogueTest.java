package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.ManagedTags;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ReleaseManagedTagsRequest;
import dev.cdp.proto.v1.RuleSpec;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagHistoryResponse;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.DefaultCatalogue;
import dev.cdp.tag.expiry.ExpiryPass;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The governed catalogue, custom values, expiry and history, against real PostgreSQL, Redis and Kafka. */
@QuarkusTest
class TagCatalogueTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("tags")
    TagService tags;

    @Inject
    ExpiryPass expiry;

    @Inject
    CatalogueService catalogue;

    @Test
    void aDefaultTagANewVersionAddsIsSeededIntoAnExistingCatalogueOnce() throws Throwable {
        given().get("/v1/catalogue")
                .then()
                .statusCode(200)
                .body(
                        "categories.find { it.name == '预测标签' }.subcategories.find { it.name == '价值' }.tags.code",
                        hasItems("rfm_segment", "rfm_code", "rfm_class", "ltv_predicted"));
        String code = "model_" + UUID.randomUUID().toString().substring(0, 8);
        List<dev.cdp.tag.catalogue.TagDefinition> defaults = new ArrayList<>(DefaultCatalogue.tags());
        defaults.add(new dev.cdp.tag.catalogue.TagDefinition(
                code,
                "新模型分",
                "预测标签",
                "价值",
                dev.cdp.tag.catalogue.TagDefinition.TagType.PREDICTION,
                dev.cdp.tag.catalogue.TagDefinition.ValueType.NUMBER,
                List.of(),
                dev.cdp.tag.catalogue.TagDefinition.Kind.MODEL,
                null,
                List.of(),
                null,
                "cdp",
                "a model's output a later version adds",
                dev.cdp.tag.catalogue.TagDefinition.Status.ACTIVE,
                dev.cdp.tag.catalogue.TagDefinition.Refresh.SCHEDULED,
                1));
        assertEquals(
                1,
                VertxContextSupport.subscribeAndAwait(() -> catalogue.seed(defaults)),
                "only the tag the database never had is added");
        assertEquals(0, VertxContextSupport.subscribeAndAwait(() -> catalogue.seed(defaults)));
    }

    @Test
    void theSeededCatalogueIsATreeOfCategoriesSubcategoriesAndTags() {
        given().get("/v1/catalogue")
                .then()
                .statusCode(200)
                .body("categories.name", hasItem("行为标签"))
                .body(
                        "categories.find { it.name == '行为标签' }.subcategories.find { it.name == '浏览' }.tags.code",
                        hasItem("browse_category_30d"))
                .body(
                        "categories.find { it.name == '交易标签' }.subcategories.find { it.name == '订单' }.tags.find { it.code == 'order_count_30d' }.rule.windowDays",
                        equalTo(30));
    }

    @Test
    void aNewRuleTagIsComputedInRealTimeAndReadableByCategory() {
        String code = "refund_tickets_7d_" + suffix();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        code,
                        "name",
                        "近7日退款工单",
                        "category",
                        "客服标签",
                        "subcategory",
                        "工单",
                        "type",
                        "BEHAVIOUR",
                        "valueType",
                        "NUMBER",
                        "kind",
                        "RULE",
                        "owner",
                        "service-team",
                        "rule",
                        Map.of(
                                "function",
                                "COUNT",
                                "event",
                                "Support Ticket Opened",
                                "where",
                                "properties.topic = 'refund'",
                                "windowDays",
                                7)))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(201)
                .body("version", equalTo(1))
                .body("status", equalTo("ACTIVE"));

        String oneId = UUID.randomUUID().toString();
        send(oneId, track("Support Ticket Opened", Instant.now(), "customer_service", Map.of("topic", "refund")));
        send(oneId, track("Support Ticket Opened", Instant.now(), "customer_service", Map.of("topic", "delivery")));
        send(oneId, track("Support Ticket Opened", Instant.now(), "customer_service", Map.of("topic", "refund")));
        awaitTags(tags, oneId, t -> number(t, "event_count_30d") == 3);

        given().queryParam("category", "客服标签")
                .get("/v1/tags/" + oneId)
                .then()
                .statusCode(200)
                .body("tags." + code, equalTo(2.0f))
                .body("tags.event_count_30d", equalTo(null));
    }

    @Test
    void badDefinitionsAreRejectedSayingWhatIsWrong() {
        Map<String, Object> rule = Map.of("function", "COUNT", "windowDays", 14);
        given().contentType(ContentType.JSON)
                .body(definition("bad_window_" + suffix(), "NUMBER", rule))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(400)
                .body("field", equalTo("rule.windowDays"))
                .body(
                        "error",
                        containsString("14 is not a window; windows are 1, 7, 30, 90, 365 days, or 0 for lifetime"));
        given().contentType(ContentType.JSON)
                .body(definition(
                        "bad_type_" + suffix(),
                        "STRING",
                        Map.of("function", "SUM", "property", "properties.revenue", "windowDays", 30)))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(400)
                .body("field", equalTo("valueType"))
                .body("error", containsString("STRING does not fit SUM, which gives NUMBER"));
        given().contentType(ContentType.JSON)
                .body(definition("bad_function_" + suffix(), "NUMBER", Map.of("function", "AVERAGE", "windowDays", 30)))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(400)
                .body("field", equalTo("rule.function"))
                .body("error", containsString("AVERAGE"));
        given().contentType(ContentType.JSON)
                .body(definition(
                        "bad_filter_" + suffix(),
                        "NUMBER",
                        Map.of("function", "COUNT", "windowDays", 30, "where", "properties.topic = refund")))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(400)
                .body("field", equalTo("rule.where"))
                .body("error", containsString("text values are quoted"));

        StatusRuntimeException grpc = assertThrows(
                StatusRuntimeException.class,
                () -> tags.defineTag(TagDefinition.newBuilder()
                                .setCode("grpc_bad_" + suffix())
                                .setName("x")
                                .setCategory("x")
                                .setType("BEHAVIOUR")
                                .setValueType("NUMBER")
                                .setKind("RULE")
                                .setRule(RuleSpec.newBuilder()
                                        .setFunction("MEDIAN")
                                        .setWindowDays(30))
                                .build())
                        .await()
                        .atMost(TestEvents.WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, grpc.getStatus().getCode());
        assertTrue(
                grpc.getStatus().getDescription().startsWith("rule.function: \"MEDIAN\" is not one of"),
                grpc.getStatus().getDescription());
    }

    @Test
    void everyChangeToTheCatalogueIsPublishedForOtherServicesKeyedByCode() throws Exception {
        String code = "gift_cards_" + suffix();
        try (TestKafka.Watch catalogue = TestKafka.watch("cdp.tags.catalogue")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "code", code,
                            "name", "礼品卡",
                            "category", "自定义标签",
                            "type", "BASIC",
                            "valueType", "NUMBER",
                            "kind", "CUSTOM"))
                    .post("/v1/catalogue/tags")
                    .then()
                    .statusCode(201);
            TagDefinition defined = TagDefinition.parseFrom(catalogue
                    .await(record -> record.key().equals(code), java.time.Duration.ofSeconds(30))
                    .value());
            assertEquals("NUMBER", defined.getValueType());
            assertEquals("ACTIVE", defined.getStatus());

            given().delete("/v1/catalogue/tags/" + code).then().statusCode(200);
            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> retired = catalogue.await(
                    record -> {
                        try {
                            return record.key().equals(code)
                                    && TagDefinition.parseFrom(record.value())
                                            .getStatus()
                                            .equals("RETIRED");
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            throw new AssertionError(e);
                        }
                    },
                    java.time.Duration.ofSeconds(30));
            assertEquals("cdp.v1.TagDefinition", TestKafka.header(retired, "cdp-schema"));
            assertEquals(2, TagDefinition.parseFrom(retired.value()).getVersion());
        }
    }

    @Test
    void aDerivedTagCannotReadARetiredTagAndARetiredTagIsNoLongerServed() {
        String base = "loyalty_points_" + suffix();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        base,
                        "name",
                        "积分",
                        "category",
                        "自定义标签",
                        "type",
                        "BASIC",
                        "valueType",
                        "NUMBER",
                        "kind",
                        "CUSTOM"))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(201);
        String oneId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(Map.of(base, 1200))
                .put("/v1/tags/" + oneId)
                .then()
                .statusCode(200)
                .body("tags." + base, equalTo(1200.0f));

        given().delete("/v1/catalogue/tags/" + base)
                .then()
                .statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("version", equalTo(2));
        given().get("/v1/tags/" + oneId).then().statusCode(200).body("tags." + base, equalTo(null));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "points_tier_" + suffix(),
                        "name",
                        "积分等级",
                        "category",
                        "自定义标签",
                        "type",
                        "LIFECYCLE",
                        "valueType",
                        "STRING",
                        "kind",
                        "DERIVED",
                        "cases",
                        java.util.List.of(Map.of("when", base + " >= 1000", "value", "gold"))))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(400)
                .body("field", equalTo("cases[0].when"))
                .body("error", containsString("refers to retired tag " + base));
    }

    @Test
    void customValuesAreTypeCheckedAndDerivedTagsFollowThem() {
        String oneId = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(Map.of("vip", "yes"))
                .put("/v1/tags/" + oneId)
                .then()
                .statusCode(400)
                .body("field", equalTo("tags.vip"))
                .body("error", containsString("\"yes\" is not true or false"));
        given().contentType(ContentType.JSON)
                .body(Map.of("crm_level", "diamond"))
                .put("/v1/tags/" + oneId)
                .then()
                .statusCode(400)
                .body("error", containsString("\"diamond\" is not one of [bronze, silver, gold, platinum]"));
        given().contentType(ContentType.JSON)
                .body(Map.of("order_count_total", 3))
                .put("/v1/tags/" + oneId)
                .then()
                .statusCode(400)
                .body("error", containsString("is a RULE tag, computed by the service"));

        ProfileTags set = tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(oneId)
                        .putTags("vip", TagValue.newBuilder().setFlag(true).build())
                        .putTags(
                                "churn_risk",
                                TagValue.newBuilder().setNumber(0.82).build())
                        .build())
                .await()
                .atMost(TestEvents.WAIT);
        assertTrue(set.getTagsOrThrow("vip").getFlag());
        assertEquals(0.82, set.getTagsOrThrow("churn_risk").getNumber(), 1e-9);
        assertEquals(
                "prospect",
                set.getTagsOrThrow("lifecycle_stage").getText(),
                "a person with no orders yet is a prospect");

        ProfileTags cleared = tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(oneId)
                        .addRemove("churn_risk")
                        .build())
                .await()
                .atMost(TestEvents.WAIT);
        assertFalse(cleared.containsTags("churn_risk"));
    }

    @Test
    void anUploadedListSetsATagForEachGoodRowAndReportsEveryBadOne() {
        String gold = UUID.randomUUID().toString();
        String silver = UUID.randomUUID().toString();
        String csv = "one_id,value\r\n" + gold + ",gold\r\n" + UUID.randomUUID() + ",diamond\r\n,silver\r\n\"" + silver
                + "\",\r\n";

        given().contentType("text/csv")
                .body(csv)
                .post("/v1/catalogue/tags/crm_level/values")
                .then()
                .statusCode(200)
                .body("rows", equalTo(4))
                .body("applied", equalTo(1))
                .body("invalid.line", org.hamcrest.Matchers.contains(3, 4, 5))
                .body("invalid[0].error", containsString("\"diamond\" is not one of"))
                .body("invalid[1].error", containsString("the row names no person"))
                .body("invalid[2].error", containsString("no value in the row"));
        given().get("/v1/tags/" + gold).then().body("tags.crm_level", equalTo("gold"));

        given().contentType("text/csv")
                .queryParam("value", "silver")
                .body("one_id\n" + silver + "\n")
                .post("/v1/catalogue/tags/crm_level/values")
                .then()
                .statusCode(200)
                .body("applied", equalTo(1));
        given().get("/v1/tags/" + silver).then().body("tags.crm_level", equalTo("silver"));
        given().contentType("text/csv")
                .body("value\ngold\n")
                .post("/v1/catalogue/tags/crm_level/values")
                .then()
                .statusCode(400)
                .body("field", equalTo("file"));
    }

    @Test
    void aPersonOnSeveralRowsOfAnUploadTakesTheValueOfTheLastOne() {
        List<String> people = new ArrayList<>();
        StringBuilder csv = new StringBuilder("one_id,value\n");
        // Fewer people than rows applied at once, so a person's rows would overlap if order were not kept.
        for (int i = 0; i < 8; i++) {
            people.add(UUID.randomUUID().toString());
        }
        String[] levels = {"gold", "silver", "bronze"};
        for (int round = 0; round < 6; round++) {
            for (String person : people) {
                csv.append(person)
                        .append(',')
                        .append(levels[(round + people.indexOf(person)) % 3])
                        .append('\n');
            }
        }

        given().contentType("text/csv")
                .body(csv.toString())
                .post("/v1/catalogue/tags/crm_level/values")
                .then()
                .statusCode(200)
                .body("rows", equalTo(48))
                .body("applied", equalTo(48));
        for (int p = 0; p < people.size(); p++) {
            given().get("/v1/tags/" + people.get(p)).then().body("tags.crm_level", equalTo(levels[(5 + p) % 3]));
        }
    }

    @Test
    void windowsAgeOutWithoutNewEventsAndHistoryAnswersWhatATagWasAtAMoment() throws Exception {
        String oneId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(oneId, track("Order Completed", now.minus(29, ChronoUnit.DAYS), "pos", Map.of("revenue", 50)));
        awaitTags(tags, oneId, t -> number(t, "order_count_30d") == 1);
        Instant afterFirst = Instant.now();
        send(oneId, track("Order Completed", now, "web", Map.of("revenue", 70)));
        awaitTags(tags, oneId, t -> number(t, "order_count_30d") == 2);

        try (TestKafka.Watch changed = TestKafka.watch("cdp.tags.changed")) {
            Instant twoDaysOn = now.plus(2, ChronoUnit.DAYS);
            assertTrue(expiry.run(twoDaysOn).await().atMost(TestEvents.WAIT) >= 1);
            ProfileTags aged = awaitTags(tags, oneId, t -> number(t, "order_count_30d") == 1);
            assertEquals(2, number(aged, "order_count_total"), "lifetime tags keep both orders");
            assertEquals(120, number(aged, "total_spend"), 1e-9);

            TagsChanged published = TagsChanged.parseFrom(
                    changed.await(r -> oneId.equals(r.key()), TestEvents.WAIT).value());
            assertTrue(published.getCauseMessageId().startsWith("expiry:"), published.getCauseMessageId());
            assertEquals(
                    2,
                    published.getChangesList().stream()
                            .filter(c -> c.getTag().equals("order_count_30d"))
                            .findFirst()
                            .orElseThrow()
                            .getOldValue()
                            .getNumber(),
                    1e-9);
        }
        assertEquals(
                0, expiry.run(now.plus(2, ChronoUnit.DAYS)).await().atMost(TestEvents.WAIT), "nothing is due twice");

        TagHistoryResponse then = awaitHistory(oneId, "order_count_30d", afterFirst, 1);
        assertEquals(1, then.getValue().getNumber(), 1e-9, "between the two orders the tag was 1");
        // The expiry pass ran as if two days had passed, so its change is dated then.
        TagHistoryResponse latest = awaitHistory(oneId, "order_count_30d", now.plus(3, ChronoUnit.DAYS), 3);
        assertEquals(1, latest.getValue().getNumber(), 1e-9, "after the expiry pass it is 1 again");
        assertEquals(2, latest.getChanges(1).getNewValue().getNumber(), 1e-9);
        given().queryParam("at", afterFirst.toString())
                .get("/v1/tags/" + oneId + "/history/order_count_30d")
                .then()
                .statusCode(200)
                .body("value", equalTo(1.0f))
                .body("changes.size()", equalTo(1));
        given().queryParam("at", "yesterday")
                .get("/v1/tags/" + oneId + "/history/order_count_30d")
                .then()
                .statusCode(400)
                .body("field", equalTo("at"));
    }

    @Test
    void aRuleTagDefinedLaterIsBackfilledToWhatRealTimeWouldHaveComputed() {
        String sfx = suffix();
        Map<String, Object> rule = Map.of(
                "function",
                "COUNT",
                "event",
                "Product Viewed",
                "where",
                "properties.category = 'shoes'",
                "windowDays",
                30);
        String realTime = "shoe_views_rt_" + sfx;
        given().contentType(ContentType.JSON)
                .body(definition(realTime, "NUMBER", rule))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(201);

        String oneId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(oneId, track("Product Viewed", now.minus(3, ChronoUnit.DAYS), "web", Map.of("category", "shoes")));
        send(oneId, track("Product Viewed", now.minus(40, ChronoUnit.DAYS), "web", Map.of("category", "shoes")));
        send(oneId, track("Product Viewed", now.minus(1, ChronoUnit.DAYS), "app", Map.of("category", "bags")));
        send(oneId, track("Product Viewed", now.minus(1, ChronoUnit.HOURS), "app", Map.of("category", "shoes")));
        awaitTags(tags, oneId, t -> number(t, realTime) == 2);

        String backfilled = "shoe_views_bf_" + sfx;
        given().contentType(ContentType.JSON)
                .body(definition(backfilled, "NUMBER", rule))
                .post("/v1/catalogue/tags")
                .then()
                .statusCode(201);
        send(oneId, track("Product Viewed", now, "web", Map.of("category", "shoes")));

        long deadline = System.nanoTime() + TestEvents.WAIT.toNanos();
        String state;
        do {
            TestEvents.pause();
            state = given().get("/v1/catalogue/tags/" + backfilled + "/backfill")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("state");
        } while (!"DONE".equals(state) && System.nanoTime() < deadline);
        assertEquals("DONE", state);
        ProfileTags read = awaitTags(tags, oneId, t -> number(t, realTime) == 3);
        assertEquals(
                3,
                number(read, backfilled),
                1e-9,
                "the two earlier shoe views in the window, and the one after the definition");
        given().get("/v1/catalogue/tags/" + backfilled + "/backfill")
                .then()
                .body("version", equalTo(1))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue())
                .body("profilesDone", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aManagedTagIsDefinedOnceBackfilledReleasedAndBroughtBack() {
        String sfx = suffix();
        String oneId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String event = "Coupon Used " + sfx;
        send(oneId, track(event, now.minus(2, ChronoUnit.DAYS), "app", Map.of("value", 5)));
        send(oneId, track(event, now.minus(1, ChronoUnit.HOURS), "web", Map.of("value", 7)));
        send(oneId, track(event, now.minus(20, ChronoUnit.DAYS), "web", Map.of("value", 9)));
        awaitTags(tags, oneId, t -> number(t, "event_count_30d") >= 3);

        String code = "bhv_test_" + sfx;
        TagDefinition managed = TagDefinition.newBuilder()
                .setCode(code)
                .setName("Segment behaviour: " + event)
                .setCategory("行为标签")
                .setType("BEHAVIOUR")
                .setValueType("NUMBER")
                .setKind("RULE")
                .setOwner("managed:segment-service")
                .setRule(RuleSpec.newBuilder()
                        .setFunction("SUM")
                        .setEvent(event)
                        .setProperty("properties.value")
                        .setWindowDays(7))
                .build();
        ManagedTags ensured = tags.ensureManagedTags(
                        ManagedTags.newBuilder().addTags(managed).build())
                .await()
                .atMost(TestEvents.WAIT);
        assertEquals("ACTIVE", ensured.getTags(0).getStatus());
        assertEquals(1, ensured.getTags(0).getVersion());
        ProfileTags read = awaitTags(tags, oneId, t -> t.containsTags(code));
        assertEquals(12, number(read, code), 1e-9, "backfilled from the event log: the two uses within 7 days");
        assertEquals(
                1,
                tags.ensureManagedTags(ManagedTags.newBuilder().addTags(managed).build())
                        .await()
                        .atMost(TestEvents.WAIT)
                        .getTags(0)
                        .getVersion(),
                "asked again, it is left as it is");

        ManagedTags released = tags.releaseManagedTags(
                        ReleaseManagedTagsRequest.newBuilder().addCodes(code).build())
                .await()
                .atMost(TestEvents.WAIT);
        assertEquals("RETIRED", released.getTags(0).getStatus());
        ManagedTags back = tags.ensureManagedTags(
                        ManagedTags.newBuilder().addTags(managed).build())
                .await()
                .atMost(TestEvents.WAIT);
        assertEquals("ACTIVE", back.getTags(0).getStatus());
        assertEquals(3, back.getTags(0).getVersion());

        StatusRuntimeException byHand = assertThrows(
                StatusRuntimeException.class,
                () -> tags.ensureManagedTags(ManagedTags.newBuilder()
                                .addTags(managed.toBuilder().setOwner("growth team"))
                                .build())
                        .await()
                        .atMost(TestEvents.WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, byHand.getStatus().getCode());
        assertTrue(byHand.getStatus().getDescription().contains("managed:"), byHand.getMessage());
        StatusRuntimeException seeded = assertThrows(
                StatusRuntimeException.class,
                () -> tags.releaseManagedTags(ReleaseManagedTagsRequest.newBuilder()
                                .addCodes("order_count_30d")
                                .build())
                        .await()
                        .atMost(TestEvents.WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, seeded.getStatus().getCode());
        assertTrue(seeded.getStatus().getDescription().contains("order_count_30d is not a managed tag"));
        StatusRuntimeException other = assertThrows(
                StatusRuntimeException.class,
                () -> tags.ensureManagedTags(ManagedTags.newBuilder()
                                .addTags(managed.toBuilder()
                                        .setRule(managed.getRule().toBuilder().setWindowDays(30)))
                                .build())
                        .await()
                        .atMost(TestEvents.WAIT));
        assertTrue(other.getStatus().getDescription().contains("computes something else"), other.getMessage());
    }

    private TagHistoryResponse awaitHistory(String oneId, String tag, Instant at, int changes) {
        long deadline = System.nanoTime() + TestEvents.WAIT.toNanos();
        TagHistoryResponse history;
        do {
            history = tags.tagHistory(TagHistoryRequest.newBuilder()
                            .setOneId(oneId)
                            .setTag(tag)
                            .setAt(ProtoTime.timestamp(at))
                            .build())
                    .await()
                    .atMost(TestEvents.WAIT);
            if (history.getChangesCount() >= changes) {
                return history;
            }
            TestEvents.pause();
        } while (System.nanoTime() < deadline);
        return org.junit.jupiter.api.Assertions.fail(
                "history of " + tag + " never had " + changes + " changes: " + history);
    }

    private static Map<String, Object> definition(String code, String valueType, Map<String, Object> rule) {
        return Map.of(
                "code",
                code,
                "name",
                code,
                "category",
                "测试",
                "type",
                "BEHAVIOUR",
                "valueType",
                valueType,
                "kind",
                "RULE",
                "rule",
                rule);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
