package dev.cdp.segment;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ManagedTags;
import dev.cdp.proto.v1.MutinyTagServiceGrpc;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ReleaseManagedTagsRequest;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.ScanTagsRequest;
import dev.cdp.proto.v1.ScannedEvent;
import dev.cdp.proto.v1.ScannedProfile;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.proto.v1.TagValue;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for tag-service, served by the test's own gRPC server (segment-service's tag client
 * points at it in the test profile): ScanTags answers each profile's tags as the test recorded
 * them over time, now or as of a moment; the managed tags asked for by segments' DID conditions
 * are kept with their status; the model tags SetTags writes are kept per profile; ScanEvents
 * answers the events the test logged. The end-to-end
 * test runs the real one.
 */
@GrpcService
public class PeerTags extends MutinyTagServiceGrpc.TagServiceImplBase {

    private record Recorded(Instant at, int ordinal, Map<String, TagValue> tags) {}

    private static final Map<String, List<Recorded>> PROFILES = new ConcurrentSkipListMap<>();

    /** The profile's tags from {@code at} on; an empty map: it has none from then. */
    public static void record(String oneId, int ordinal, Instant at, Map<String, TagValue> tags) {
        PROFILES.computeIfAbsent(oneId, id -> new CopyOnWriteArrayList<>()).add(new Recorded(at, ordinal, tags));
    }

    private static final Map<String, TagDefinition> MANAGED = new ConcurrentHashMap<>();

    private static final Map<String, Map<String, TagValue>> SET = new ConcurrentHashMap<>();

    private static final Map<String, List<String>> REMOVED = new ConcurrentHashMap<>();

    /** The tags SetTags was asked to clear for this profile. */
    public static List<String> removed(String oneId) {
        return REMOVED.getOrDefault(oneId, List.of());
    }

    /** The tags SetTags last wrote for this profile (the models' output), or an empty map. */
    public static Map<String, TagValue> set(String oneId) {
        return SET.getOrDefault(oneId, Map.of());
    }

    private static final List<ScannedEvent> EVENTS = new CopyOnWriteArrayList<>();

    /** An event of the profile's, as tag-service's event log would hold it. */
    public static void logEvent(String oneId, Event event) {
        EVENTS.add(ScannedEvent.newBuilder().setOneId(oneId).setEvent(event).build());
    }

    @Override
    public Multi<ScannedEvent> scanEvents(ScanEventsRequest request) {
        Instant to = request.hasTo() ? ProtoTime.instant(request.getTo()) : Instant.MAX;
        return Multi.createFrom()
                .iterable(EVENTS.stream()
                        .filter(scanned -> request.getEventsList()
                                .contains(scanned.getEvent().getEvent()))
                        .filter(scanned -> ProtoTime.instant(scanned.getEvent().getTimestamp())
                                .isBefore(to))
                        .toList());
    }

    @Override
    public Uni<ProfileTags> setTags(SetTagsRequest request) {
        SET.merge(request.getOneId(), request.getTagsMap(), (before, after) -> {
            Map<String, TagValue> merged = new java.util.HashMap<>(before);
            merged.putAll(after);
            return merged;
        });
        if (request.getRemoveCount() > 0) {
            REMOVED.computeIfAbsent(request.getOneId(), id -> new CopyOnWriteArrayList<>())
                    .addAll(request.getRemoveList());
            SET.computeIfPresent(request.getOneId(), (id, tags) -> {
                Map<String, TagValue> kept = new java.util.HashMap<>(tags);
                request.getRemoveList().forEach(kept::remove);
                return kept;
            });
        }
        return Uni.createFrom()
                .item(ProfileTags.newBuilder()
                        .setOneId(request.getOneId())
                        .putAllTags(SET.get(request.getOneId()))
                        .build());
    }

    /** The managed tag of this code as segment-service last asked for it, or null. */
    public static TagDefinition managed(String code) {
        return MANAGED.get(code);
    }

    @Override
    public Uni<ManagedTags> ensureManagedTags(ManagedTags request) {
        request.getTagsList()
                .forEach(tag -> MANAGED.put(
                        tag.getCode(), tag.toBuilder().setStatus("ACTIVE").build()));
        return Uni.createFrom().item(request);
    }

    @Override
    public Uni<ManagedTags> releaseManagedTags(ReleaseManagedTagsRequest request) {
        request.getCodesList()
                .forEach(code -> MANAGED.computeIfPresent(
                        code, (key, tag) -> tag.toBuilder().setStatus("RETIRED").build()));
        return Uni.createFrom().item(ManagedTags.getDefaultInstance());
    }

    @Override
    public Multi<ScannedProfile> scanTags(ScanTagsRequest request) {
        Instant asOf = request.hasAsOf() ? ProtoTime.instant(request.getAsOf()) : null;
        List<ScannedProfile> answered = new ArrayList<>();
        PROFILES.forEach((oneId, history) -> {
            Recorded latest = null;
            for (Recorded recorded : history) {
                if ((asOf == null || !recorded.at().isAfter(asOf))
                        && (latest == null || !recorded.at().isBefore(latest.at()))) {
                    latest = recorded;
                }
            }
            if (latest != null && !latest.tags().isEmpty()) {
                answered.add(ScannedProfile.newBuilder()
                        .setOneId(oneId)
                        .setOrdinal(latest.ordinal())
                        .putAllTags(latest.tags())
                        .setAt(ProtoTime.timestamp(asOf == null ? latest.at() : asOf))
                        .build());
            }
        });
        return Multi.createFrom().iterable(answered);
    }
}
