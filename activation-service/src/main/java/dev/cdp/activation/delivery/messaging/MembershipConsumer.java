package dev.cdp.activation.delivery.messaging;

import dev.cdp.activation.delivery.Activator;
import dev.cdp.activation.delivery.Delivery;
import dev.cdp.activation.delivery.SegmentEntry;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.TagValue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads cdp.segments.membership. A record is acknowledged once the deliveries it causes are
 * recorded (EXIT causes none), waiting while PostgreSQL is down ({@link Stores}); a record that
 * cannot be read fails and the connector moves it to
 * cdp.dlq.activation-service with the reason in its headers, then carries on with the next.
 */
@ApplicationScoped
public class MembershipConsumer {

    private static final String SCHEMA = "cdp.v1.MembershipChanged";

    private final Activator activator;
    private final Stores stores;

    public MembershipConsumer(Activator activator, Stores stores) {
        this.activator = activator;
        this.stores = stores;
    }

    @Incoming("segments-membership")
    public Uni<Void> onMembershipChanged(ConsumerRecord<String, byte[]> record) {
        MembershipChanged change;
        try {
            change = read(record);
        } catch (UnreadableRecordException e) {
            return Uni.createFrom().failure(e);
        }
        return switch (change.getTransition()) {
            case ENTER -> stores.untilApplied(() -> activator.enter(toEntry(change)));
            // An EXIT sends nothing; a transition newer than this service is left to services that know it.
            case EXIT, UNRECOGNIZED -> Uni.createFrom().voidItem();
            case TRANSITION_UNSPECIFIED ->
                Uni.createFrom()
                        .failure(new UnreadableRecordException(
                                SCHEMA + " " + change.getMessageId() + " has no transition"));
        };
    }

    private static MembershipChanged read(ConsumerRecord<String, byte[]> record) {
        MembershipChanged change = CdpRecords.read(record, MembershipChanged.getDefaultInstance());
        require(change.getMessageId(), "message_id", Delivery.MAX_MESSAGE_ID_LENGTH);
        require(change.getOneId(), "one_id", Delivery.MAX_ONE_ID_LENGTH);
        // A segment id longer than any campaign's simply matches none, so it needs no limit here.
        require(change.getSegmentId(), "segment_id", Integer.MAX_VALUE);
        return change;
    }

    /** The limits are the delivery row's: a longer value could not be recorded, so it is refused up front. */
    private static void require(String value, String field, int maxLength) {
        if (value.isBlank()) {
            throw new UnreadableRecordException(SCHEMA + " has no " + field);
        }
        if (value.length() > maxLength) {
            throw new UnreadableRecordException(SCHEMA + " " + field + " is longer than " + maxLength + " characters");
        }
    }

    private static SegmentEntry toEntry(MembershipChanged change) {
        Map<String, Object> tags = new TreeMap<>();
        change.getTagsMap().forEach((name, value) -> tags.put(name, toJsonValue(value)));
        return new SegmentEntry(
                change.getMessageId(),
                change.getOneId(),
                change.getOrdinal(),
                change.getSegmentId(),
                change.getSegmentName(),
                tags);
    }

    private static Object toJsonValue(TagValue value) {
        return switch (value.getKindCase()) {
            case NUMBER -> value.getNumber();
            case TEXT -> value.getText();
            case FLAG -> value.getFlag();
            case TIME -> ProtoTime.instant(value.getTime()).toString();
            case WEIGHTS -> new TreeMap<>(value.getWeights().getEntriesMap());
            case KIND_NOT_SET -> null;
        };
    }
}
