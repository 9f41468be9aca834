package dev.cdp.identity.ingest.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.Context;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.EventType;
import dev.cdp.proto.v1.IngestRequest;
import dev.cdp.proto.v1.IngestService;
import dev.cdp.proto.v1.IngestSummary;
import dev.cdp.proto.v1.RejectedEvent;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IngestService over gRPC, as internal apps stream their events. */
@QuarkusTest
class IngestGrpcTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @GrpcClient("identity")
    IngestService ingest;

    @Test
    void aStreamIsTakenInOrderAndItsInvalidEventIsReportedByIndex() {
        String user = "user-" + UUID.randomUUID();
        Event identify = Event.newBuilder()
                .setType(EventType.IDENTIFY)
                .setMessageId(user + "-1")
                .setUserId(user)
                .setTraits(Struct.newBuilder()
                        .putFields("email", text(user + "@example.com"))
                        .putFields(
                                "member_card",
                                Value.newBuilder().setNumberValue(880042).build())
                        .putFields("name", text("Mei")))
                .setContext(Context.newBuilder().setChannel("pos"))
                .build();
        Event badEmail = Event.newBuilder()
                .setType(EventType.IDENTIFY)
                .setUserId(user)
                .setTraits(Struct.newBuilder().putFields("email", text("not-an-email")))
                .build();
        Event track = Event.newBuilder()
                .setType(EventType.TRACK)
                .setMessageId(user + "-2")
                .setUserId(user)
                .setEvent("Order Completed")
                .build();

        IngestSummary summary = send(List.of(
                IngestRequest.newBuilder()
                        .setWriteKey(SegmentApi.DEMO_WRITE_KEY)
                        .setEvent(identify)
                        .build(),
                IngestRequest.newBuilder().setEvent(badEmail).build(),
                IngestRequest.newBuilder().setEvent(track).build(),
                IngestRequest.newBuilder()
                        .setEvent(Event.newBuilder().setUserId(user))
                        .build(),
                IngestRequest.newBuilder().setEvent(identify).build()));

        assertEquals(3, summary.getAccepted());
        assertEquals(1, summary.getDuplicates(), "the identify sent again is counted once");
        assertEquals(
                List.of(1, 3),
                summary.getRejectedList().stream().map(RejectedEvent::getIndex).toList());
        assertEquals("traits.email", summary.getRejected(0).getField());
        assertTrue(
                summary.getRejected(0).getReason().contains("\"not-an-email\" is not an email address"),
                summary.getRejected(0).getReason());
        assertEquals("type", summary.getRejected(1).getField());

        given().queryParam("type", "member_card")
                .queryParam("value", "880042")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.name", equalTo("Mei"));
        given().queryParam("type", "email")
                .queryParam("value", user + "@example.com")
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("traits.name", equalTo("Mei"));
    }

    @Test
    void aStreamWithoutAKnownWriteKeyIsRefusedWhole() {
        String user = "user-" + UUID.randomUUID();
        Event event =
                Event.newBuilder().setType(EventType.IDENTIFY).setUserId(user).build();
        StatusRuntimeException unknown = assertThrows(
                StatusRuntimeException.class,
                () -> send(List.of(IngestRequest.newBuilder()
                        .setWriteKey("no-such-key")
                        .setEvent(event)
                        .build())));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
        assertTrue(
                unknown.getStatus().getDescription().contains("is not known"),
                unknown.getStatus().getDescription());

        StatusRuntimeException missing = assertThrows(
                StatusRuntimeException.class,
                () -> send(List.of(IngestRequest.newBuilder().setEvent(event).build())));
        assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
        assertTrue(
                missing.getStatus().getDescription().contains("write_key is required"),
                missing.getStatus().getDescription());

        given().queryParam("type", "user_id")
                .queryParam("value", user)
                .when()
                .get("/v1/profiles")
                .then()
                .statusCode(404);
    }

    private IngestSummary send(List<IngestRequest> requests) {
        return ingest.ingest(Multi.createFrom().iterable(requests)).await().atMost(TIMEOUT);
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
