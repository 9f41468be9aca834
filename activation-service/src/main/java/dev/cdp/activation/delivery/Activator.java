package dev.cdp.activation.delivery;

import dev.cdp.activation.ActivationConfig;
import dev.cdp.activation.campaign.CampaignService;
import dev.cdp.activation.campaign.CampaignTarget;
import dev.cdp.activation.campaign.MessageTemplate;
import dev.cdp.activation.delivery.webhook.WebhookPayload;
import dev.cdp.activation.delivery.webhook.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a profile entering a segment into one webhook delivery per campaign on that segment.
 *
 * <p>Each delivery row is committed before the first POST, so a replayed membership message finds
 * it and sends nothing once it is settled; each attempt is recorded before the next one starts.
 * A crash before the outcome is recorded leaves the row PENDING and the record unacknowledged:
 * when it comes again the delivery resumes under the same id (the receiver's Idempotency-Key),
 * so every (campaign, person, entry) ends DELIVERED or FAILED. Campaigns are served
 * one after another and the returned Uni completes when all are settled, so the Kafka consumer
 * acknowledges a record only after its deliveries are recorded and one person's changes stay in
 * order.
 */
@ApplicationScoped
// Built at boot so a bad retry setting stops the service there, not at the first membership record.
@Startup
public class Activator {

    private static final String DELIVERIES = "cdp.activation.deliveries";

    private final CampaignService campaigns;
    private final DeliveryService deliveries;
    private final WebhookSender webhooks;
    private final RetryPolicy retries;
    private final Vertx vertx;
    private final Counter delivered;
    private final Counter failed;

    public Activator(
            CampaignService campaigns,
            DeliveryService deliveries,
            WebhookSender webhooks,
            ActivationConfig config,
            Vertx vertx,
            MeterRegistry metrics) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.retries = RetryPolicy.of(config.webhook());
        this.vertx = vertx;
        this.delivered = metrics.counter(DELIVERIES, "status", tag(DeliveryStatus.DELIVERED));
        this.failed = metrics.counter(DELIVERIES, "status", tag(DeliveryStatus.FAILED));
    }

    public Uni<Void> enter(SegmentEntry entry) {
        return campaigns.targetsFor(entry.segmentId()).chain(targets -> activateAll(targets, entry));
    }

    private Uni<Void> activateAll(List<CampaignTarget> targets, SegmentEntry entry) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CampaignTarget target : targets) {
            chain = chain.chain(() -> activate(target, entry));
        }
        return chain;
    }

    private Uni<Void> activate(CampaignTarget target, SegmentEntry entry) {
        return deliveries
                .open(target.campaign().id(), entry)
                .chain(open -> open == null
                        ? Uni.createFrom().voidItem()
                        : attempt(
                                open.attempts() + 1,
                                new Delivering(
                                        open.id(),
                                        target,
                                        entry,
                                        MessageTemplate.render(
                                                target.campaign().message(), entry.oneId(), entry.segmentName()))));
    }

    private Uni<Void> attempt(int attempt, Delivering delivery) {
        return webhooks.post(delivery.target().destination().url(), delivery.payload(Instant.now()))
                .chain(response -> {
                    DeliveryStatus status = retries.statusAfter(attempt, response);
                    Uni<Void> recorded = deliveries.recordAttempt(delivery.id(), status, response);
                    return switch (status) {
                        case PENDING ->
                            recorded.chain(() -> pause(retries.pauseAfter(attempt)))
                                    .chain(() -> attempt(attempt + 1, delivery));
                        case DELIVERED -> recorded.invoke(() -> delivered.increment());
                        case FAILED ->
                            recorded.invoke(() -> {
                                failed.increment();
                                Log.warnf(
                                        "delivery %s of campaign %s to %s failed after %d attempt(s): %s",
                                        delivery.id(),
                                        delivery.target().campaign().id(),
                                        delivery.target().destination().url(),
                                        attempt,
                                        response.error());
                            });
                    };
                });
    }

    /** A timer on the caller's Vert.x context: the next attempt's transaction must run there, not on a pool thread. */
    private Uni<Void> pause(Duration duration) {
        return Uni.createFrom()
                .emitter(
                        emitter -> vertx.setTimer(Math.max(1, duration.toMillis()), timerId -> emitter.complete(null)));
    }

    private static String tag(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** One delivery in progress, with its message already rendered. */
    private record Delivering(String id, CampaignTarget target, SegmentEntry entry, String message) {

        WebhookPayload payload(Instant sentAt) {
            return new WebhookPayload(
                    id,
                    target.campaign().id(),
                    target.campaign().name(),
                    entry.segmentId(),
                    entry.segmentName(),
                    entry.oneId(),
                    entry.ordinal(),
                    message,
                    entry.tags(),
                    sentAt);
        }
    }
}
