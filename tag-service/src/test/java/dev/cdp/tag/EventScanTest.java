package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.ScannedEvent;
import dev.cdp.proto.v1.TagService;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ScanEvents over the real event log: the orders of every profile, filtered by name and time,
 * each with the profile it belongs to now (after a merge, the survivor).
 */
@QuarkusTest
class EventScanTest {

    private static final Duration WAIT = TestEvents.WAIT;

    @GrpcClient("tags")
    TagService tags;

    @Test
    void theOrdersOfAWindowComeWithTheProfileTheyBelongToNow() {
        String survivor = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        String cohort = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(
                survivor,
                track(
                        "Order Completed",
                        now.minus(3, ChronoUnit.DAYS),
                        "web",
                        Map.of("revenue", 10, "cohort", cohort)));
        send(survivor, track("Product Viewed", now.minus(2, ChronoUnit.DAYS), "web", Map.of("cohort", cohort)));
        send(
                absorbed,
                track(
                        "Order Completed",
                        now.minus(2, ChronoUnit.DAYS),
                        "app",
                        Map.of("revenue", 20, "cohort", cohort)));
        send(
                absorbed,
                track(
                        "Order Completed",
                        now.minus(40, ChronoUnit.DAYS),
                        "app",
                        Map.of("revenue", 5, "cohort", cohort)));
        awaitTags(tags, survivor, t -> number(t, "order_count_total") == 1);
        awaitTags(tags, absorbed, t -> number(t, "order_count_total") == 2);
        IdentityChanged merge = TestEvents.merged(survivor, absorbed);
        TestKafka.send(
                "cdp.identity.changed", survivor, merge.toByteArray(), Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
        awaitTags(tags, survivor, t -> number(t, "order_count_total") == 3);

        List<ScannedEvent> lastMonth = ours(
                ScanEventsRequest.newBuilder()
                        .addEvents("Order Completed")
                        .setFrom(ProtoTime.timestamp(now.minus(30, ChronoUnit.DAYS)))
                        .build(),
                cohort);
        assertEquals(
                List.of(survivor + " 10.0", survivor + " 20.0"),
                lastMonth.stream()
                        .map(scanned -> scanned.getOneId() + " "
                                + scanned.getEvent()
                                        .getProperties()
                                        .getFieldsOrThrow("revenue")
                                        .getNumberValue())
                        .sorted()
                        .toList(),
                "the absorbed profile's order is the survivor's now; the view and the older order are left out");
        assertEquals(
                3,
                ours(ScanEventsRequest.newBuilder().addEvents("Order Completed").build(), cohort)
                        .size());

        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class,
                () -> tags.scanEvents(ScanEventsRequest.getDefaultInstance())
                        .collect()
                        .asList()
                        .await()
                        .atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    /** The scanned events of this test's cohort: the log holds other tests' events too. */
    private List<ScannedEvent> ours(ScanEventsRequest request, String cohort) {
        return tags.scanEvents(request)
                .filter(scanned -> scanned.getEvent()
                        .getProperties()
                        .getFieldsMap()
                        .getOrDefault("cohort", com.google.protobuf.Value.getDefaultInstance())
                        .getStringValue()
                        .equals(cohort))
                .collect()
                .asList()
                .await()
                .atMost(WAIT);
    }
}
