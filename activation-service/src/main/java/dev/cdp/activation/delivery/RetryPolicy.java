package dev.cdp.activation.delivery;

import dev.cdp.activation.ActivationConfig;
import dev.cdp.activation.delivery.webhook.WebhookResponse;
import java.time.Duration;

/**
 * When to try a webhook again: a 2xx delivers; a 4xx other than 408 and 429 fails at once, because
 * the receiver rejected the message itself; anything else (5xx, 408, 429, no response) is retried
 * with a doubling pause until the attempts run out.
 */
public record RetryPolicy(int maxAttempts, Duration backoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "cdp.activation.webhook.max-attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RetryPolicy of(ActivationConfig.Webhook config) {
        return new RetryPolicy(config.maxAttempts(), config.backoff());
    }

    /** The status after attempt number {@code attempt} (1-based) got {@code response}; PENDING means try again. */
    public DeliveryStatus statusAfter(int attempt, WebhookResponse response) {
        if (response.succeeded()) {
            return DeliveryStatus.DELIVERED;
        }
        return response.retryable() && attempt < maxAttempts ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
    }

    /** The pause after failed attempt number {@code attempt}: backoff, 2 × backoff, 4 × backoff, ... */
    public Duration pauseAfter(int attempt) {
        // The exponent is capped so a generous max-attempts cannot overflow the shift.
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
