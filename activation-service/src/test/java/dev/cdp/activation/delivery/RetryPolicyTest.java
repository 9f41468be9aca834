package dev.cdp.activation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.activation.delivery.webhook.WebhookResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200));

    @Test
    void a2xxDeliversOnAnyAttempt() {
        assertEquals(DeliveryStatus.DELIVERED, policy.statusAfter(1, WebhookResponse.of(204, "No Content")));
        assertEquals(DeliveryStatus.DELIVERED, policy.statusAfter(3, WebhookResponse.of(200, "OK")));
    }

    @Test
    void aClientErrorFailsAtOnceExceptTimeoutAndTooManyRequests() {
        assertEquals(DeliveryStatus.FAILED, policy.statusAfter(1, WebhookResponse.of(400, "Bad Request")));
        assertEquals(DeliveryStatus.FAILED, policy.statusAfter(1, WebhookResponse.of(404, "Not Found")));
        assertEquals(DeliveryStatus.PENDING, policy.statusAfter(1, WebhookResponse.of(408, "Request Timeout")));
        assertEquals(DeliveryStatus.PENDING, policy.statusAfter(1, WebhookResponse.of(429, "Too Many Requests")));
    }

    @Test
    void serverErrorsAndNoResponseAreRetriedUntilTheLastAttempt() {
        WebhookResponse refused = WebhookResponse.noResponse("ConnectException: Connection refused");
        assertEquals(DeliveryStatus.PENDING, policy.statusAfter(1, WebhookResponse.of(503, "Service Unavailable")));
        assertEquals(DeliveryStatus.PENDING, policy.statusAfter(2, refused));
        assertEquals(DeliveryStatus.FAILED, policy.statusAfter(3, refused));
        assertEquals(DeliveryStatus.FAILED, policy.statusAfter(3, WebhookResponse.of(500, "Internal Server Error")));
    }

    @Test
    void thePauseDoublesAfterEachFailedAttempt() {
        assertEquals(Duration.ofMillis(200), policy.pauseAfter(1));
        assertEquals(Duration.ofMillis(400), policy.pauseAfter(2));
        assertEquals(Duration.ofMillis(800), policy.pauseAfter(3));
    }

    @Test
    void theLastErrorSaysWhatTheReceiverAnswered() {
        assertEquals(
                "HTTP 500 Internal Server Error",
                WebhookResponse.of(500, "Internal Server Error").error());
        assertEquals("HTTP 422", WebhookResponse.of(422, "").error());
        assertEquals(null, WebhookResponse.of(201, "Created").error());
    }
}
