package dev.cdp.tag;

import static dev.cdp.tag.TestEvents.awaitTags;
import static dev.cdp.tag.TestEvents.number;
import static dev.cdp.tag.TestEvents.send;
import static dev.cdp.tag.TestEvents.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ScanTagsRequest;
import dev.cdp.proto.v1.ScannedProfile;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagHistoryResponse;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.testing.TestKafka;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * ScanTags against the real stores: the current values are what GetTags reads, and the values as
 * of a moment are exactly what TagHistory answers for each tag of the same profile then, through
 * values set, changed and cleared, a merge and an erasure.
 */
@QuarkusTest
class TagScanTest {

    private static final Duration WAIT = TestEvents.WAIT;

    @GrpcClient("tags")
    TagService tags;

    @Test
    void asOfAMomentEveryProfileHasTheTagsItsHistoryHadThenAndNowItsCurrentOnes() {
        String survivor = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        String customised = UUID.randomUUID().toString();
        String erased = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(survivor, track("Order Completed", now.minus(2, ChronoUnit.DAYS), "web", Map.of("revenue", 10)));
        send(absorbed, track("Order Completed", now.minus(4, ChronoUnit.DAYS), "app", Map.of("revenue", 20)));
        send(erased, track("Order Completed", now.minus(1, ChronoUnit.DAYS), "web", Map.of("revenue", 5)));
        setVip(customised, true);
        awaitTags(tags, survivor, t -> number(t, "order_count_total") == 1);
        awaitTags(tags, absorbed, t -> number(t, "order_count_total") == 1);
        awaitHistory(survivor, "order_count_total", value -> value != null && value.getNumber() == 1);
        awaitHistory(absorbed, "order_count_total", value -> value != null && value.getNumber() == 1);
        awaitHistory(erased, "order_count_total", value -> value != null && value.getNumber() == 1);
        awaitHistory(customised, "vip", value -> value != null && value.getFlag());
        Instant before = Instant.now();

        setVip(customised, false);
        tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(customised)
                        .addRemove("vip")
                        .build())
                .await()
                .atMost(WAIT);
        IdentityChanged merge = TestEvents.merged(survivor, absorbed);
        TestKafka.send(
                "cdp.identity.changed", survivor, merge.toByteArray(), Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
        awaitTags(tags, survivor, t -> number(t, "order_count_total") == 2);
        awaitHistory(survivor, "order_count_total", value -> value != null && value.getNumber() == 2);
        awaitHistory(absorbed, "order_count_total", value -> value == null);
        awaitHistory(customised, "vip", value -> value == null);
        Instant after = Instant.now();

        Set<String> ours = Set.of(survivor, absorbed, customised, erased);
        Map<String, ScannedProfile> then = scan(before, ours);
        Map<String, ScannedProfile> later = scan(after, ours);
        assertEquals(Set.of(survivor, absorbed, customised, erased), then.keySet());
        assertEquals(1, then.get(absorbed).getTagsOrThrow("order_count_total").getNumber(), 1e-9);
        assertTrue(then.get(customised).getTagsOrThrow("vip").getFlag());
        assertEquals(7, then.get(survivor).getOrdinal(), "the ordinal the profile's events carried then");
        assertFalse(later.containsKey(absorbed), "the absorbed profile holds nothing after the merge");
        assertFalse(
                later.containsKey(customised) && later.get(customised).containsTags("vip"),
                "the customised one no vip after it was cleared");
        assertEquals(2, later.get(survivor).getTagsOrThrow("order_count_total").getNumber(), 1e-9);
        for (String oneId : ours) {
            agreesWithHistory(oneId, before, then.get(oneId));
            agreesWithHistory(oneId, after, later.get(oneId));
        }

        Map<String, ScannedProfile> current = scan(null, ours);
        assertFalse(current.containsKey(absorbed));
        assertEquals(
                awaitTags(tags, survivor, t -> true).getTagsMap(),
                current.get(survivor).getTagsMap(),
                "the current scan answers what GetTags reads");
        assertEquals(1, current.get(survivor).getOrdinal());

        IdentityChanged erasure = IdentityChanged.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setChange(IdentityChange.ERASED)
                .setOneId(erased)
                .build();
        TestKafka.send(
                "cdp.identity.changed", erased, erasure.toByteArray(), Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
        awaitTags(tags, erased, t -> t.getTagsCount() == 0);
        awaitHistory(erased, "order_count_total", value -> value == null);
        assertFalse(scan(before, ours).containsKey(erased), "an erased profile is in no past either");
        assertFalse(scan(null, ours).containsKey(erased));

        Map<String, ScannedProfile> only = scan(before, Set.of(survivor), "order_count_total");
        assertEquals(
                Set.of("order_count_total"), only.get(survivor).getTagsMap().keySet());
    }

    /** Every tag the scan answered, and every tag the history knows then, agree value for value. */
    private void agreesWithHistory(String oneId, Instant at, ScannedProfile scanned) {
        Map<String, TagValue> answered = scanned == null ? Map.of() : scanned.getTagsMap();
        Set<String> checked = new TreeSet<>(answered.keySet());
        checked.addAll(List.of("order_count_total", "total_spend", "last_channel", "first_seen_at", "vip"));
        for (String tag : checked) {
            TagHistoryResponse history = history(oneId, tag, at);
            assertEquals(
                    history.hasValue() ? history.getValue() : null,
                    answered.get(tag),
                    oneId + " " + tag + " as of " + at);
        }
    }

    private Map<String, ScannedProfile> scan(Instant asOf, Set<String> oneIds, String... only) {
        ScanTagsRequest.Builder request = ScanTagsRequest.newBuilder().addAllTags(List.of(only));
        if (asOf != null) {
            request.setAsOf(ProtoTime.timestamp(asOf));
        }
        Map<String, ScannedProfile> found = new HashMap<>();
        tags.scanTags(request.build())
                .filter(profile -> oneIds.contains(profile.getOneId()))
                .subscribe()
                .asIterable()
                .forEach(profile -> found.put(profile.getOneId(), profile));
        return found;
    }

    private TagHistoryResponse history(String oneId, String tag, Instant at) {
        TagHistoryRequest.Builder request =
                TagHistoryRequest.newBuilder().setOneId(oneId).setTag(tag);
        if (at != null) {
            request.setAt(ProtoTime.timestamp(at));
        }
        return tags.tagHistory(request.build()).await().atMost(WAIT);
    }

    /** Waits until the history has recorded the latest change: {@code ready} sees the value now (null: none). */
    private void awaitHistory(String oneId, String tag, Predicate<TagValue> ready) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        TagHistoryResponse read;
        do {
            read = history(oneId, tag, null);
            if (ready.test(read.hasValue() ? read.getValue() : null)) {
                return;
            }
            TestEvents.pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the history of " + oneId + " " + tag + " never got there; last " + read);
    }

    private void setVip(String oneId, boolean vip) {
        tags.setTags(SetTagsRequest.newBuilder()
                        .setOneId(oneId)
                        .putTags("vip", TagValue.newBuilder().setFlag(vip).build())
                        .build())
                .await()
                .atMost(WAIT);
    }
}
