package dev.cdp.segment;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.proto.v1.Transition;
import dev.cdp.testing.TestKafka;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Feeding segment-service tag changes and recognising the transitions it publishes. */
public final class TestMembership {

    public static final String MEMBERSHIP = "cdp.segments.membership";
    public static final String TAGS_CHANGED = "cdp.tags.changed";
    public static final Map<String, String> TAGS_CHANGED_SCHEMA = Map.of("cdp-schema", "cdp.v1.TagsChanged");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestMembership() {}

    /** Defines a segment over gRPC. */
    public static Segment create(SegmentService segments, String name, String rule) {
        return segments.createSegment(CreateSegmentRequest.newBuilder()
                        .setName(name)
                        .setRule(rule)
                        .build())
                .await()
                .atMost(TIMEOUT);
    }

    /** As if the segment had been defined on {@code at}: its first version with it. */
    public static void backdate(Pool pool, Segment segment, Instant at) {
        Tuple args = Tuple.of(segment.getId(), at.atOffset(ZoneOffset.UTC));
        pool.preparedQuery("update segment set created_at = $2 where id = $1")
                .execute(args)
                .chain(() -> pool.preparedQuery(
                                "update segment_version set created_at = $2 where segment_id = $1 and version = 1")
                        .execute(args))
                .await()
                .atMost(TIMEOUT);
    }

    public static boolean isMember(SegmentService segments, Segment segment, String oneId) {
        return segments.isMember(IsMemberRequest.newBuilder()
                        .setSegmentId(segment.getId())
                        .setOneId(oneId)
                        .build())
                .await()
                .atMost(TIMEOUT)
                .getMember();
    }

    /** The segment as it is now, with its size. */
    public static Segment get(SegmentService segments, Segment segment) {
        return segments.getSegment(
                        GetSegmentRequest.newBuilder().setId(segment.getId()).build())
                .await()
                .atMost(TIMEOUT);
    }

    /** Publishes the change on cdp.tags.changed as tag-service does, keyed by OneID. */
    public static void send(TagsChanged change) {
        TestKafka.send(TAGS_CHANGED, change.getOneId(), change.toByteArray(), TAGS_CHANGED_SCHEMA);
    }

    /** Matches the record of {@code oneId} making {@code transition} in the segment {@code segmentId}. */
    public static Predicate<ConsumerRecord<String, byte[]>> transition(
            String oneId, String segmentId, Transition transition) {
        return record -> {
            if (!oneId.equals(record.key())) {
                return false;
            }
            try {
                MembershipChanged change = MembershipChanged.parseFrom(record.value());
                return change.getSegmentId().equals(segmentId) && change.getTransition() == transition;
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("cdp.segments.membership carries a record that is no MembershipChanged", e);
            }
        };
    }
}
