package dev.cdp.tag.governance.grpc;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.BatchGetTagsRequest;
import dev.cdp.proto.v1.BatchGetTagsResponse;
import dev.cdp.proto.v1.Catalogue;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ListCatalogueRequest;
import dev.cdp.proto.v1.ManagedTags;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ReleaseManagedTagsRequest;
import dev.cdp.proto.v1.RetireTagRequest;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.ScanTagsRequest;
import dev.cdp.proto.v1.ScannedEvent;
import dev.cdp.proto.v1.ScannedProfile;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagCategory;
import dev.cdp.proto.v1.TagHistoryEntry;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagHistoryResponse;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagSubcategory;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.CatalogueTree;
import dev.cdp.tag.catalogue.TagDefinitions;
import dev.cdp.tag.custom.CustomTags;
import dev.cdp.tag.eventlog.EventScan;
import dev.cdp.tag.governance.TagGovernance;
import dev.cdp.tag.history.TagChangeRecord;
import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.read.TagReader;
import dev.cdp.tag.scan.TagScan;
import dev.cdp.tag.value.Value;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** gRPC adapter of the tag service: reads, the catalogue, custom values, history and scans. */
@GrpcService
@RegisterInterceptor(CallReadiness.class)
public class TagGrpcService implements TagService {

    static final int MAX_BATCH = 1000;

    private final TagReader reader;
    private final CatalogueService catalogue;
    private final TagGovernance governance;
    private final CustomTags custom;
    private final TagHistory history;
    private final TagScan scan;
    private final EventScan events;

    public TagGrpcService(
            TagReader reader,
            CatalogueService catalogue,
            TagGovernance governance,
            CustomTags custom,
            TagHistory history,
            TagScan scan,
            EventScan events) {
        this.scan = scan;
        this.events = events;
        this.reader = reader;
        this.catalogue = catalogue;
        this.governance = governance;
        this.custom = custom;
        this.history = history;
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ProfileTags> getTags(GetTagsRequest request) {
        if (request.getOneId().isBlank()) {
            return invalid("one_id is required");
        }
        return reader.tags(request.getOneId(), Set.copyOf(request.getTagsList()), request.getCategory())
                .map(tags -> profile(request.getOneId(), tags))
                .onFailure()
                .transform(TagGrpcService::unavailable);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<BatchGetTagsResponse> batchGetTags(BatchGetTagsRequest request) {
        if (request.getOneIdsCount() > MAX_BATCH) {
            return invalid("one_ids holds " + request.getOneIdsCount() + " ids; the limit is " + MAX_BATCH);
        }
        List<String> oneIds = request.getOneIdsList();
        return reader.tags(oneIds, Set.copyOf(request.getTagsList()))
                .map(all -> {
                    BatchGetTagsResponse.Builder response = BatchGetTagsResponse.newBuilder();
                    for (int i = 0; i < oneIds.size(); i++) {
                        response.addProfiles(profile(oneIds.get(i), all.get(i)));
                    }
                    return response.build();
                })
                .onFailure()
                .transform(TagGrpcService::unavailable);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Catalogue> listCatalogue(ListCatalogueRequest request) {
        return catalogue.latest().map(tags -> {
            Catalogue.Builder proto = Catalogue.newBuilder();
            for (CatalogueTree.Category category :
                    CatalogueTree.of(tags, request.getIncludeRetired()).categories()) {
                TagCategory.Builder node = TagCategory.newBuilder().setName(category.name());
                for (CatalogueTree.Subcategory subcategory : category.subcategories()) {
                    node.addSubcategories(TagSubcategory.newBuilder()
                            .setName(subcategory.name())
                            .addAllTags(subcategory.tags().stream()
                                    .map(TagDefinitions::toProto)
                                    .toList()));
                }
                proto.addCategories(node);
            }
            return proto.build();
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Override
    public Uni<dev.cdp.proto.v1.TagDefinition> defineTag(dev.cdp.proto.v1.TagDefinition request) {
        return governance.define(TagDefinitions.fromProto(request)).map(TagDefinitions::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Override
    public Uni<dev.cdp.proto.v1.TagDefinition> updateTag(dev.cdp.proto.v1.TagDefinition request) {
        return governance.update(TagDefinitions.fromProto(request)).map(TagDefinitions::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Override
    public Uni<dev.cdp.proto.v1.TagDefinition> retireTag(RetireTagRequest request) {
        return governance.retire(request.getCode()).map(TagDefinitions::toProto);
    }

    /** One tag after another: a handful per segment, each a catalogue write of its own. */
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<ManagedTags> ensureManagedTags(ManagedTags request) {
        return Multi.createFrom()
                .iterable(request.getTagsList())
                .onItem()
                .transformToUniAndConcatenate(tag -> governance.ensure(TagDefinitions.fromProto(tag)))
                .collect()
                .asList()
                .map(TagGrpcService::managed);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<ManagedTags> releaseManagedTags(ReleaseManagedTagsRequest request) {
        return Multi.createFrom()
                .iterable(request.getCodesList())
                .onItem()
                .transformToUniAndConcatenate(governance::release)
                .collect()
                .asList()
                .map(TagGrpcService::managed);
    }

    private static ManagedTags managed(List<dev.cdp.tag.catalogue.TagDefinition> tags) {
        return ManagedTags.newBuilder()
                .addAllTags(tags.stream().map(TagDefinitions::toProto).toList())
                .build();
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ProfileTags> setTags(SetTagsRequest request) {
        Map<String, Object> values = new HashMap<>();
        request.getTagsMap().forEach((tag, given) -> {
            Value value = Value.fromProto(given);
            values.put(tag, value == null ? null : value.plain());
        });
        request.getRemoveList().forEach(tag -> values.put(tag, null));
        return custom.set(request.getOneId(), values).map(tags -> profile(request.getOneId(), tags));
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<TagHistoryResponse> tagHistory(TagHistoryRequest request) {
        if (request.getOneId().isBlank() || request.getTag().isBlank()) {
            return invalid("one_id and tag are required");
        }
        Instant at = request.hasAt() ? ProtoTime.instant(request.getAt()) : Instant.now();
        return history.until(request.getOneId(), request.getTag(), at).map(changes -> {
            TagHistoryResponse.Builder response = TagHistoryResponse.newBuilder();
            for (TagChangeRecord change : changes) {
                TagHistoryEntry.Builder entry = TagHistoryEntry.newBuilder()
                        .setChangedAt(ProtoTime.timestamp(change.changedAt))
                        .setCause(change.cause);
                if (change.oldValue != null) {
                    entry.setOldValue(stored(change.oldValue));
                }
                if (change.newValue != null) {
                    entry.setNewValue(stored(change.newValue));
                }
                response.addChanges(entry);
            }
            if (!changes.isEmpty() && changes.get(changes.size() - 1).newValue != null) {
                response.setValue(stored(changes.get(changes.size() - 1).newValue));
            }
            return response.build();
        });
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Multi<ScannedProfile> scanTags(ScanTagsRequest request) {
        Set<String> only = Set.copyOf(request.getTagsList());
        CallReadiness.Readiness readiness = CallReadiness.current();
        Multi<TagScan.ScannedTags> profiles = request.hasAsOf()
                ? scan.asOf(ProtoTime.instant(request.getAsOf()), only, readiness::awaitReady)
                : scan.current(only, readiness::awaitReady);
        return profiles.map(profile -> {
            ScannedProfile.Builder proto = ScannedProfile.newBuilder()
                    .setOneId(profile.oneId())
                    .setOrdinal(profile.ordinal())
                    .setAt(ProtoTime.timestamp(profile.at()));
            profile.tags().forEach((tag, value) -> proto.putTags(tag, value.toProto()));
            return proto.build();
        });
    }

    /** Raw events carry personal data: the platform's own services and admins only. */
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Multi<ScannedEvent> scanEvents(ScanEventsRequest request) {
        if (request.getEventsCount() == 0) {
            return Multi.createFrom()
                    .failure(Status.INVALID_ARGUMENT
                            .withDescription("events is required: the event names to scan, e.g. \"Order Completed\"")
                            .asRuntimeException());
        }
        CallReadiness.Readiness readiness = CallReadiness.current();
        return events.scan(
                        Set.copyOf(request.getEventsList()),
                        request.hasFrom() ? ProtoTime.instant(request.getFrom()) : null,
                        request.hasTo() ? ProtoTime.instant(request.getTo()) : null,
                        readiness::awaitReady)
                .map(scanned -> ScannedEvent.newBuilder()
                        .setOneId(scanned.oneId())
                        .setEvent(scanned.event())
                        .build());
    }

    private static ProfileTags profile(String oneId, Map<String, Value> tags) {
        ProfileTags.Builder proto = ProfileTags.newBuilder().setOneId(oneId);
        tags.forEach((tag, value) -> proto.putTags(tag, value.toProto()));
        return proto.build();
    }

    /** A value as the history keeps it; one no version of the service wrote is a value of no kind. */
    private static TagValue stored(String text) {
        Value value = Value.decode(text);
        return value == null ? TagValue.getDefaultInstance() : value.toProto();
    }

    /** A read that Redis did not answer (a lost connection, a restart) is worth retrying. */
    private static Throwable unavailable(Throwable failure) {
        return Status.UNAVAILABLE
                .withDescription("the tag store did not answer: " + failure.getMessage())
                .withCause(failure)
                .asRuntimeException();
    }

    private static <T> Uni<T> invalid(String message) {
        return Uni.createFrom()
                .failure(Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException());
    }
}
