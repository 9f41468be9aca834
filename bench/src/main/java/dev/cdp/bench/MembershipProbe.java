package dev.cdp.bench;

import dev.cdp.bench.report.Progress;
import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.ListSegmentsRequest;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentServiceGrpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long an event takes to move a profile into a segment: a segment every probe enters (its
 * rule reads a tag each event changes), asked over segment-service's gRPC whether the probe's
 * profile is a member yet. Every load profile enters it too, as segments do under real traffic.
 */
final class MembershipProbe {

    static final String NAME = "bench: every profile with an event";
    static final String RULE = "event_count_30d >= 1";

    private final SegmentServiceGrpc.SegmentServiceBlockingStub segments;
    private final String segmentId;

    private MembershipProbe(SegmentServiceGrpc.SegmentServiceBlockingStub segments, String segmentId) {
        this.segments = segments;
        this.segmentId = segmentId;
    }

    /**
     * The probe's segment, defined on the first run and reused after, once it is decided over every
     * existing profile (so its backfill does not run beside the load).
     */
    static MembershipProbe define(ManagedChannel channel, Duration backfillTimeout) throws InterruptedException {
        SegmentServiceGrpc.SegmentServiceBlockingStub segments = SegmentServiceGrpc.newBlockingStub(channel);
        Segment segment = segments
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSegments(ListSegmentsRequest.getDefaultInstance())
                .getSegmentsList()
                .stream()
                .filter(existing ->
                        existing.getName().equals(NAME) && !existing.getStatus().equals("ARCHIVED"))
                .findFirst()
                .orElseGet(() -> segments.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .createSegment(CreateSegmentRequest.newBuilder()
                                .setName(NAME)
                                .setRule(RULE)
                                .build()));
        long deadline = System.nanoTime() + backfillTimeout.toNanos();
        while (segment.getBackfill().getState().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            segment = segments.getSegment(
                    GetSegmentRequest.newBuilder().setId(segment.getId()).build());
        }
        Progress.log("membership probe: segment " + segment.getId() + " (" + RULE + "), " + segment.getSize()
                + " members, backfill " + segment.getBackfill().getState());
        return new MembershipProbe(segments, segment.getId());
    }

    /** Waits until the profile is a member; false when it is not by {@code deadline} (System.nanoTime). */
    boolean awaitMember(String oneId, long deadline) throws InterruptedException {
        IsMemberRequest request = IsMemberRequest.newBuilder()
                .setSegmentId(segmentId)
                .setOneId(oneId)
                .build();
        while (System.nanoTime() < deadline) {
            if (segments.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .isMember(request)
                    .getMember()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }
}
