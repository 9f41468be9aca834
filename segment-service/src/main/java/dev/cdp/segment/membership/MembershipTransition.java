package dev.cdp.segment.membership;

import dev.cdp.proto.v1.TagValue;
import dev.cdp.segment.profile.TagSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One profile entering or leaving one segment, with the tags the decision was made on. */
public record MembershipTransition(
        String messageId,
        String segmentId,
        String segmentName,
        String oneId,
        int ordinal,
        Transition transition,
        Instant at,
        Map<String, TagValue> tags) {

    /** Builds the transition with a name-based id: the same cause always yields the same messageId. */
    static MembershipTransition of(String segmentId, String segmentName, TagSnapshot snapshot, Transition transition) {
        String name =
                "cdp/membership/" + segmentId + "/" + snapshot.oneId() + "/" + transition + "/" + snapshot.cause();
        String messageId =
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        return new MembershipTransition(
                messageId,
                segmentId,
                segmentName,
                snapshot.oneId(),
                snapshot.ordinal(),
                transition,
                snapshot.at(),
                snapshot.tags());
    }
}
