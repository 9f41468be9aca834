package dev.cdp.segment.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.rules.Rule;
import dev.cdp.segment.TestTags;
import dev.cdp.segment.definition.CompiledSegment;
import dev.cdp.segment.profile.TagSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A profile's tag snapshots taken in order, as a poll brings several at once. */
class MembershipReplayTest {

    private static final CompiledSegment VIP =
            new CompiledSegment("s-vip", "vip", Rule.compile("vip = true"), Map.of());
    private static final CompiledSegment APP =
            new CompiledSegment("s-app", "app users", Rule.compile("last_channel = 'app'"), Map.of());
    private static final List<CompiledSegment> SEGMENTS = List.of(VIP, APP);

    @Test
    void everyTransitionIsKeptInOrderEvenWhenALaterSnapshotUndoesIt() {
        TagSnapshot vip = snapshot("c1", 1, "vip", true, "last_channel", "web");
        TagSnapshot vipAgain = snapshot("c1", 1, "vip", true, "last_channel", "web");
        TagSnapshot lapsed = snapshot("c2", 2, "vip", false, "last_channel", "app");

        MembershipEvaluator.Replay replay =
                MembershipEvaluator.replay(SEGMENTS, Set.of(), List.of(vip, vipAgain, lapsed));

        assertEquals(
                List.of("s-vip ENTER at 1", "s-vip EXIT at 2", "s-app ENTER at 2"),
                replay.transitions().stream()
                        .map(t -> t.segmentId() + " " + t.transition() + " at " + t.at().getEpochSecond())
                        .toList());
        assertEquals(Set.of("s-app"), replay.members());
        assertEquals(lapsed, replay.lastEntry().get("s-app"));
    }

    @Test
    void aMemberWhoLeavesAndComesBackIsAMemberSinceTheLastEntryAndSnapshotsThatChangeNothingMakeNoTransition() {
        TagSnapshot left = snapshot("c1", 1, "vip", false);
        TagSnapshot back = snapshot("c2", 2, "vip", true);

        MembershipEvaluator.Replay replay = MembershipEvaluator.replay(SEGMENTS, Set.of("s-vip"), List.of(left, back));
        assertEquals(
                List.of(Transition.EXIT, Transition.ENTER),
                replay.transitions().stream()
                        .map(MembershipTransition::transition)
                        .toList());
        assertEquals(Set.of("s-vip"), replay.members());
        assertEquals(back, replay.lastEntry().get("s-vip"));

        assertEquals(
                List.of(),
                MembershipEvaluator.replay(SEGMENTS, Set.of("s-vip"), List.of(back, back))
                        .transitions());
    }

    @Test
    void aSegmentOfSegmentsFollowsTheSegmentsItNamesWithinTheSameSnapshot() {
        CompiledSegment vipOnApp = new CompiledSegment(
                "s-vip-app",
                "vip on the app",
                Rule.compile("IN SEGMENT 'vip' AND last_channel = 'app'"),
                Map.of("vip", "s-vip"));
        List<CompiledSegment> segments = dev.cdp.segment.definition.SegmentCatalog.ordered(List.of(vipOnApp, VIP));
        assertEquals(
                List.of("s-vip", "s-vip-app"),
                segments.stream().map(CompiledSegment::id).toList(),
                "the segment read comes first");

        MembershipEvaluator.Replay replay = MembershipEvaluator.replay(
                segments,
                Set.of(),
                List.of(
                        snapshot("c1", 1, "vip", true, "last_channel", "app"),
                        snapshot("c2", 2, "vip", false, "last_channel", "app")));

        assertEquals(
                List.of("s-vip ENTER at 1", "s-vip-app ENTER at 1", "s-vip EXIT at 2", "s-vip-app EXIT at 2"),
                replay.transitions().stream()
                        .map(t -> t.segmentId() + " " + t.transition() + " at " + t.at().getEpochSecond())
                        .toList());
    }

    private static TagSnapshot snapshot(String cause, long second, Object... tags) {
        return new TagSnapshot("p-1", 7, TestTags.of(tags), cause, Instant.ofEpochSecond(second));
    }
}
