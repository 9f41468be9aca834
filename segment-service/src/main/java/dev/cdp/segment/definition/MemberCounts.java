package dev.cdp.segment.definition;

import io.smallrye.mutiny.Uni;
import java.util.Map;

/** How many members segments have, for their views: answered by the membership feature, which reads definitions, not the other way round. */
public interface MemberCounts {

    Uni<Long> of(String segmentId);

    /** Member counts by segment id; segments without members are absent. */
    Uni<Map<String, Long>> all();
}
