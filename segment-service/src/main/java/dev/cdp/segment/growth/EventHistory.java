package dev.cdp.segment.growth;

import com.google.protobuf.Value;
import dev.cdp.models.Purchase;
import dev.cdp.models.interest.Interaction;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.ScannedEvent;
import dev.cdp.proto.v1.TagService;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models' view of tag-service's event log (ScanEvents, with the service's own credentials):
 * every profile's orders as purchases (lifetime value), its views, cart adds and orders as
 * interactions with an interest (preferences).
 */
@ApplicationScoped
public class EventHistory {

    private final TagService tags;
    private final String orderEvent;
    private final List<String> amountProperties;

    public EventHistory(@GrpcClient("tags") TagService tags, GrowthConfig config) {
        this.tags = tags;
        this.orderEvent = config.ltvOrderEvent();
        this.amountProperties = config.ltvAmountProperties();
    }

    /** The orders before {@code until}, by the profile they belong to now. */
    public Uni<List<Purchase>> purchases(Instant until) {
        List<Purchase> purchases = new ArrayList<>();
        return events(List.of(orderEvent), until)
                .invoke(scanned -> purchases.add(purchase(scanned.getOneId(), scanned.getEvent())))
                .collect()
                .last()
                .replaceWith(purchases);
    }

    /**
     * The events of the names {@code weights} holds before {@code until} whose {@code property} is
     * text, as interactions with that interest, weighted by their name's weight.
     */
    public Uni<List<Interaction>> interactions(Map<String, Double> weights, String property, Instant until) {
        List<Interaction> interactions = new ArrayList<>();
        return events(List.copyOf(weights.keySet()), until)
                .invoke(scanned -> {
                    Event event = scanned.getEvent();
                    Value interest = event.getProperties().getFieldsMap().get(property);
                    if (interest != null
                            && interest.hasStringValue()
                            && !interest.getStringValue().isBlank()) {
                        interactions.add(new Interaction(
                                scanned.getOneId(),
                                interest.getStringValue().strip(),
                                time(event),
                                weights.get(event.getEvent())));
                    }
                })
                .collect()
                .last()
                .replaceWith(interactions);
    }

    private Multi<ScannedEvent> events(List<String> names, Instant until) {
        return Multi.createFrom()
                .deferred(() -> CallerContext.resume(tags.scanEvents(ScanEventsRequest.newBuilder()
                        .addAllEvents(names)
                        .setTo(ProtoTime.timestamp(until))
                        .build())));
    }

    /** identity-service stamps every event it accepts (with when it came, when the sender did not say). */
    private static Instant time(Event event) {
        return ProtoTime.instant(event.getTimestamp());
    }

    private Purchase purchase(String oneId, Event order) {
        return new Purchase(oneId, time(order).atZone(ZoneOffset.UTC).toLocalDate(), amount(order));
    }

    /** The first amount property the order has; an order without one is worth 0 (it still counts as one). */
    private double amount(Event order) {
        for (String property : amountProperties) {
            Value value = order.getProperties().getFieldsMap().get(property);
            if (value != null && value.hasNumberValue()) {
                return value.getNumberValue();
            }
            if (value != null && value.hasStringValue()) {
                try {
                    return Double.parseDouble(value.getStringValue().strip());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return 0;
    }
}
