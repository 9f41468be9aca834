package dev.cdp.activation.delivery;

import static dev.cdp.activation.Memberships.enter;
import static dev.cdp.activation.Memberships.exit;
import static dev.cdp.activation.Memberships.number;
import static dev.cdp.activation.Memberships.send;
import static dev.cdp.activation.Memberships.text;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.activation.ActivationConfig;
import dev.cdp.activation.Memberships;
import dev.cdp.activation.Poll;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.ActivationService;
import dev.cdp.proto.v1.Campaign;
import dev.cdp.proto.v1.CreateCampaignRequest;
import dev.cdp.proto.v1.CreateDestinationRequest;
import dev.cdp.proto.v1.Delivery;
import dev.cdp.proto.v1.DeliveryStatus;
import dev.cdp.proto.v1.DestinationType;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ListDeliveriesOfRequest;
import dev.cdp.proto.v1.ListDeliveriesRequest;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import dev.cdp.testing.WebhookReceiver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Segment membership records in, webhook calls out, against real Kafka and PostgreSQL. */
@QuarkusTest
class WebhookDeliveryTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration CALL = Duration.ofSeconds(10);
    /** Generous because the first record of a run waits for the consumer to join its group. */
    private static final Duration OUTCOME = Duration.ofSeconds(45);

    private static final String DLQ = "cdp.dlq.activation-service";

    @GrpcClient("activation")
    ActivationService activation;

    @Inject
    ActivationConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Pool database;

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aProfileEnteringTheSegmentGetsThePersonalisedMessageOnceWithItsDeliveryIdAsIdempotencyKey() throws Exception {
        String segmentId = "seg-" + UUID.randomUUID();
        String oneId = UUID.randomUUID().toString();
        Campaign campaign = campaign(segmentId, "Hi {{one_id}}, welcome to {{segment_name}}!");
        MembershipChanged entered = enter(segmentId, oneId)
                .setSegmentName("VIP buyers")
                .putTags("order_count_30d", number(3))
                .putTags("tier", text("gold"))
                .build();

        send(entered);

        WebhookReceiver.Call call = receiver.await(c -> c.body().contains(oneId), OUTCOME);
        JsonNode body = json.readTree(call.body());
        assertEquals(oneId, body.path("oneId").asText());
        assertEquals(
                "Hi " + oneId + ", welcome to VIP buyers!", body.path("message").asText());
        assertEquals(campaign.getId(), body.path("campaignId").asText());
        assertEquals(campaign.getName(), body.path("campaignName").asText());
        assertEquals(segmentId, body.path("segmentId").asText());
        assertEquals("VIP buyers", body.path("segmentName").asText());
        assertEquals(entered.getOrdinal(), body.path("ordinal").asInt());
        assertEquals(3.0, body.path("tags").path("order_count_30d").asDouble());
        assertEquals("gold", body.path("tags").path("tier").asText());
        assertTrue(body.path("sentAt").isTextual(), "sentAt is an ISO-8601 instant");
        assertTrue(call.header("Content-Type").startsWith("application/json"));
        assertEquals("cdp-activation", call.header("User-Agent"));

        Delivery delivery = awaitSettled(campaign).get(0);
        assertEquals(DeliveryStatus.DELIVERED, delivery.getStatus());
        assertEquals(1, delivery.getAttempts());
        assertEquals(200, delivery.getLastStatusCode());
        assertEquals(oneId, delivery.getOneId());
        assertEquals(body.path("deliveryId").asText(), delivery.getId());
        assertEquals(delivery.getId(), call.header("Idempotency-Key"));

        ManagementInterface.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("cdp_activation_deliveries_total{status=\"delivered\"}"))
                .body(containsString("cdp_activation_webhook_latency_seconds_count{outcome=\"2xx\"}"));
    }

    @Test
    void listDeliveriesOfAnswersEveryDeliveryToAProfile() {
        String oneId = UUID.randomUUID().toString();
        Campaign first = campaign("seg-" + UUID.randomUUID(), "first");
        Campaign second = campaign("seg-" + UUID.randomUUID(), "second");
        send(enter(first.getSegmentId(), oneId).build());
        send(enter(second.getSegmentId(), oneId).build());
        awaitSettled(first);
        awaitSettled(second);

        List<Delivery> toProfile = deliveriesOf(oneId);

        assertEquals(
                List.of(first.getId(), second.getId()).stream().sorted().toList(),
                toProfile.stream().map(Delivery::getCampaignId).sorted().toList());
        assertTrue(toProfile.stream()
                .allMatch(d -> d.getOneId().equals(oneId) && d.getStatus() == DeliveryStatus.DELIVERED));
    }

    @Test
    void anErasedPersonsDeliveriesStayAsAnonymousCountsAndTheErasureIsConfirmed() throws Exception {
        String oneId = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        Campaign campaign = campaign("seg-" + UUID.randomUUID(), "Hi {{one_id}}");
        send(enter(campaign.getSegmentId(), oneId).build());
        send(enter(campaign.getSegmentId(), absorbed).build());
        Poll.until(
                "two settled deliveries",
                OUTCOME,
                () -> deliveries(campaign),
                found -> found.size() == 2 && found.stream().noneMatch(d -> d.getStatus() == DeliveryStatus.PENDING));

        String requestId = UUID.randomUUID().toString();
        IdentityChanged erased = IdentityChanged.newBuilder()
                .setMessageId(requestId)
                .setChange(IdentityChange.ERASED)
                .setOneId(oneId)
                .addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed))
                .build();
        try (TestKafka.Watch confirmations = TestKafka.watch("cdp.privacy.confirmations")) {
            for (int i = 0; i < 2; i++) {
                TestKafka.send(
                        "cdp.identity.changed",
                        oneId,
                        erased.toByteArray(),
                        Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
            }
            List<ConsumerRecord<String, byte[]>> confirmed =
                    confirmations.awaitAll(r -> oneId.equals(r.key()), 2, OUTCOME);
            ErasureConfirmed confirmation =
                    ErasureConfirmed.parseFrom(confirmed.get(0).value());
            assertEquals(requestId, confirmation.getRequestId());
            assertEquals("activation-service", confirmation.getService());
            assertEquals("delivery", confirmation.getStores(0).getStore());
        }

        assertEquals(List.of(), deliveriesOf(oneId));
        assertEquals(List.of(), deliveriesOf(absorbed));
        List<Delivery> kept = deliveries(campaign);
        assertEquals(2, kept.size(), "the campaign keeps its counts");
        assertTrue(kept.stream()
                .allMatch(d -> d.getOneId().equals("erased")
                        && d.getStatus() == DeliveryStatus.DELIVERED
                        && d.getLastError().isEmpty()));
    }

    private List<Delivery> deliveriesOf(String oneId) {
        return activation
                .listDeliveriesOf(
                        ListDeliveriesOfRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(CALL)
                .getDeliveriesList();
    }

    @Test
    void aReplayedMembershipMessageIsNotSentAgain() {
        String segmentId = "seg-" + UUID.randomUUID();
        String markerSegmentId = "seg-" + UUID.randomUUID();
        String oneId = UUID.randomUUID().toString();
        Campaign campaign = campaign(segmentId, "Welcome {{one_id}}");
        Campaign marker = campaign(markerSegmentId, "marker");
        MembershipChanged entered = enter(segmentId, oneId).build();

        send(entered);
        send(entered);
        // Same key, so the same partition: once the marker arrives both copies have been handled.
        send(enter(markerSegmentId, oneId).build());

        receiver.await(c -> c.body().contains(marker.getId()), OUTCOME);
        assertEquals(
                1,
                receiver.calls().stream()
                        .filter(c -> c.body().contains(campaign.getId()))
                        .count());
        List<Delivery> deliveries = deliveries(campaign);
        assertEquals(1, deliveries.size());
        assertEquals(DeliveryStatus.DELIVERED, deliveries.get(0).getStatus());
    }

    @Test
    void aDeliveryRecordedButNotSentBeforeACrashIsSentOnceUnderItsIdWhenItsRecordComesAgain() {
        String segmentId = "seg-" + UUID.randomUUID();
        String oneId = UUID.randomUUID().toString();
        Campaign campaign = campaign(segmentId, "Welcome {{one_id}}");
        MembershipChanged entered = enter(segmentId, oneId).build();
        // What the service had committed when it died: the delivery row, PENDING, nothing sent.
        String recorded = UUID.randomUUID().toString();
        database.preparedQuery("""
                insert into delivery (id, campaign_id, one_id, membership_message_id, status, attempts, created_at, updated_at)
                values ($1, $2, $3, $4, 'PENDING', 0, now(), now())
                """)
                .execute(Tuple.of(recorded, campaign.getId(), oneId, entered.getMessageId()))
                .await()
                .atMost(CALL);

        // The record was never acknowledged, so Kafka hands it over again.
        send(entered);

        Delivery delivery = awaitSettled(campaign).get(0);
        assertEquals(recorded, delivery.getId());
        assertEquals(DeliveryStatus.DELIVERED, delivery.getStatus());
        assertEquals(1, delivery.getAttempts());
        assertEquals(
                List.of(recorded),
                receiver.calls().stream().map(c -> c.header("Idempotency-Key")).toList());
    }

    @Test
    void aReceiverFailingWith500IsRetriedWithTheSameKeyUntilTheAttemptsRunOut() {
        receiver.answer(500);
        String segmentId = "seg-" + UUID.randomUUID();
        Campaign campaign = campaign(segmentId, "Hello");

        send(enter(segmentId, UUID.randomUUID().toString()).build());

        Delivery delivery = awaitSettled(campaign).get(0);
        int maxAttempts = config.webhook().maxAttempts();
        assertEquals(DeliveryStatus.FAILED, delivery.getStatus());
        assertEquals(maxAttempts, delivery.getAttempts());
        assertEquals(500, delivery.getLastStatusCode());
        assertEquals("HTTP 500 Internal Server Error", delivery.getLastError());
        assertEquals(maxAttempts, receiver.calls().size());
        assertTrue(receiver.calls().stream().allMatch(c -> delivery.getId().equals(c.header("Idempotency-Key"))));
    }

    @Test
    void aReceiverRejectingTheMessageWith4xxIsNotRetried() {
        receiver.answer(422);
        String segmentId = "seg-" + UUID.randomUUID();
        Campaign campaign = campaign(segmentId, "Hello");

        send(enter(segmentId, UUID.randomUUID().toString()).build());

        Delivery delivery = awaitSettled(campaign).get(0);
        assertEquals(DeliveryStatus.FAILED, delivery.getStatus());
        assertEquals(1, delivery.getAttempts());
        assertEquals(422, delivery.getLastStatusCode());
        assertTrue(delivery.getLastError().startsWith("HTTP 422"), delivery.getLastError());
        assertEquals(1, receiver.calls().size());
    }

    @Test
    void aProfileLeavingTheSegmentIsSentNothing() {
        String segmentId = "seg-" + UUID.randomUUID();
        String markerSegmentId = "seg-" + UUID.randomUUID();
        String oneId = UUID.randomUUID().toString();
        Campaign campaign = campaign(segmentId, "Welcome");
        Campaign marker = campaign(markerSegmentId, "marker");

        send(exit(segmentId, oneId).build());
        send(enter(markerSegmentId, oneId).build());

        receiver.await(c -> c.body().contains(marker.getId()), OUTCOME);
        assertEquals(1, receiver.calls().size(), "only the marker campaign was called");
        assertEquals(List.of(), deliveries(campaign));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillDelivered() {
        String segmentId = "seg-" + UUID.randomUUID();
        String oneId = UUID.randomUUID().toString();
        Campaign campaign = campaign(segmentId, "Hello {{one_id}}");
        String garbageKey = "garbage-" + UUID.randomUUID();
        // Field 1, length 5, but only one byte follows: no protobuf parser accepts this.
        byte[] truncated = {0x0a, 0x05, 'x'};

        try (TestKafka.Watch deadLetters = TestKafka.watch(DLQ)) {
            TestKafka.send(Memberships.TOPIC, garbageKey, truncated, Memberships.SCHEMA);
            send(enter(segmentId, oneId).build());

            ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> garbageKey.equals(r.key()), OUTCOME);
            assertTrue(
                    TestKafka.header(dead, "dead-letter-reason").contains("not a binary cdp.v1.MembershipChanged"),
                    "the reason is in the headers");
        }
        Delivery delivery = awaitSettled(campaign).get(0);
        assertEquals(DeliveryStatus.DELIVERED, delivery.getStatus());
        assertEquals(oneId, delivery.getOneId());
    }

    private Campaign campaign(String segmentId, String message) {
        String destinationId = activation
                .createDestination(CreateDestinationRequest.newBuilder()
                        .setName("hook " + UUID.randomUUID())
                        .setType(DestinationType.WEBHOOK)
                        .setUrl(receiver.url())
                        .build())
                .await()
                .atMost(CALL)
                .getId();
        return activation
                .createCampaign(CreateCampaignRequest.newBuilder()
                        .setName("campaign " + UUID.randomUUID())
                        .setSegmentId(segmentId)
                        .setDestinationId(destinationId)
                        .setMessage(message)
                        .build())
                .await()
                .atMost(CALL);
    }

    private List<Delivery> deliveries(Campaign campaign) {
        return activation
                .listDeliveries(ListDeliveriesRequest.newBuilder()
                        .setCampaignId(campaign.getId())
                        .build())
                .await()
                .atMost(CALL)
                .getDeliveriesList();
    }

    /** The campaign's deliveries once there is one and none is PENDING any more. */
    private List<Delivery> awaitSettled(Campaign campaign) {
        return Poll.until(
                "a settled delivery of campaign " + campaign.getId(),
                OUTCOME,
                () -> deliveries(campaign),
                found -> !found.isEmpty() && found.stream().noneMatch(d -> d.getStatus() == DeliveryStatus.PENDING));
    }
}
