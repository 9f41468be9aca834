package dev.cdp.activation.delivery.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.activation.ActivationConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes one webhook attempt on the event loop. Never fails: a refused connection or a timeout is a
 * {@link WebhookResponse} without status, so the caller decides about retries in one place.
 */
@ApplicationScoped
public class WebhookSender {

    static final String USER_AGENT = "cdp-activation";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String LATENCY = "cdp.activation.webhook.latency";

    private final WebClient client;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final long timeoutMillis;

    public WebhookSender(Vertx vertx, ObjectMapper json, MeterRegistry metrics, ActivationConfig config) {
        this.timeoutMillis = config.webhook().timeout().toMillis();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setUserAgent(USER_AGENT)
                        .setFollowRedirects(false)
                        .setConnectTimeout(Math.toIntExact(timeoutMillis)));
        this.json = json;
        this.metrics = metrics;
    }

    /** POSTs the payload to the URL; the delivery id is the Idempotency-Key, the same on every attempt. */
    public Uni<WebhookResponse> post(String url, WebhookPayload payload) {
        Buffer body = Buffer.buffer(toJson(payload));
        Timer.Sample sample = Timer.start(metrics);
        return client.postAbs(url)
                .timeout(timeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(HttpHeaders.USER_AGENT.toString(), USER_AGENT)
                .putHeader(IDEMPOTENCY_KEY, payload.deliveryId())
                // The receiver's answer body is of no use to us; not buffering it keeps memory flat.
                .as(BodyCodec.none())
                .sendBuffer(body)
                .map(response -> WebhookResponse.of(response.statusCode(), response.statusMessage()))
                .onFailure()
                .recoverWithItem(failure -> WebhookResponse.noResponse(describe(failure)))
                .invoke(response -> sample.stop(metrics.timer(LATENCY, "outcome", response.outcome())));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private byte[] toJson(WebhookPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "webhook payload of delivery " + payload.deliveryId() + " cannot be written", e);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
