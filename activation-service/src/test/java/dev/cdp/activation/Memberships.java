package dev.cdp.activation;

import com.google.protobuf.Timestamp;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.proto.v1.Transition;
import dev.cdp.testing.TestKafka;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds and sends cdp.segments.membership records the way segment-service writes them. */
public final class Memberships {

    public static final String TOPIC = "cdp.segments.membership";
    public static final Map<String, String> SCHEMA = Map.of("cdp-schema", "cdp.v1.MembershipChanged");

    private Memberships() {}

    /** A fresh ENTER of the profile into the segment, named "Segment &lt;id&gt;", with its own message id. */
    public static MembershipChanged.Builder enter(String segmentId, String oneId) {
        return change(segmentId, oneId, Transition.ENTER);
    }

    public static MembershipChanged.Builder exit(String segmentId, String oneId) {
        return change(segmentId, oneId, Transition.EXIT);
    }

    /** Sends the record keyed by its OneID, as segment-service does, so one person's records stay in order. */
    public static void send(MembershipChanged change) {
        TestKafka.send(TOPIC, change.getOneId(), change.toByteArray(), SCHEMA);
    }

    public static TagValue number(double value) {
        return TagValue.newBuilder().setNumber(value).build();
    }

    public static TagValue text(String value) {
        return TagValue.newBuilder().setText(value).build();
    }

    private static MembershipChanged.Builder change(String segmentId, String oneId, Transition transition) {
        Instant now = Instant.now();
        return MembershipChanged.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setOneId(oneId)
                .setOrdinal(ThreadLocalRandom.current().nextInt(1, 1_000_000))
                .setSegmentId(segmentId)
                .setSegmentName("Segment " + segmentId)
                .setTransition(transition)
                .setAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    }
}
