package dev.cdp.segment;

import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import java.time.Duration;

/** Segments defined and read over the service's own gRPC API, for tests. */
public final class TestSegments {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestSegments() {}

    public static Segment create(SegmentService segments, String name, String rule) {
        return segments.createSegment(CreateSegmentRequest.newBuilder()
                        .setName(name)
                        .setRule(rule)
                        .build())
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
}
