package dev.cdp.segment.growth;

import com.google.protobuf.Value;
import dev.cdp.models.Purchase;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.TagService;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Every profile's orders, from tag-service's event log (ScanEvents, with the service's own
 * credentials): the purchases lifetime value is fitted on, each on its UTC day with the order's
 * value.
 */
@ApplicationScoped
public class OrderHistory {

    private final TagService tags;
    private final String orderEvent;
    private final List<String> amountProperties;

    public OrderHistory(@GrpcClient("tags") TagService tags, GrowthConfig config) {
        this.tags = tags;
        this.orderEvent = config.ltvOrderEvent();
        this.amountProperties = config.ltvAmountProperties();
    }

    /** The orders before {@code until}, by the profile they belong to now. */
    public Uni<List<Purchase>> purchases(Instant until) {
        List<Purchase> purchases = new ArrayList<>();
        return Multi.createFrom()
                .deferred(() -> CallerContext.resume(tags.scanEvents(ScanEventsRequest.newBuilder()
                        .addEvents(orderEvent)
                        .setTo(ProtoTime.timestamp(until))
                        .build())))
                .invoke(scanned -> purchases.add(purchase(scanned.getOneId(), scanned.getEvent())))
                .collect()
                .last()
                .replaceWith(purchases);
    }

    private Purchase purchase(String oneId, Event order) {
        Instant at = ProtoTime.instant(order.hasTimestamp() ? order.getTimestamp() : order.getReceivedAt());
        return new Purchase(oneId, at.atZone(ZoneOffset.UTC).toLocalDate(), amount(order));
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
