package dev.cdp.segment.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.IsMemberResponse;
import dev.cdp.proto.v1.ListMembersAsOfRequest;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.ListMembershipsRequest;
import dev.cdp.proto.v1.ListMembershipsResponse;
import dev.cdp.proto.v1.ListSnapshotsResponse;
import dev.cdp.proto.v1.Member;
import dev.cdp.proto.v1.MemberAsOf;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentBackfill;
import dev.cdp.proto.v1.SegmentMembership;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.SegmentSnapshot;
import dev.cdp.proto.v1.UpdateSegmentRequest;
import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.definition.SegmentPauses;
import dev.cdp.segment.definition.SegmentView;
import dev.cdp.segment.export.grpc.ExportCalls;
import dev.cdp.segment.membership.MemberView;
import dev.cdp.segment.membership.MembershipService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** gRPC adapter of the segment, membership and export services. */
@GrpcService
public class SegmentGrpcService implements SegmentService {

    private final SegmentDefinitionService segments;
    private final SegmentPauses pauses;
    private final MembershipService memberships;
    private final ExportCalls exports;
    private final SegmentAsOf asOf;

    private final ObjectMapper json;

    public SegmentGrpcService(
            SegmentDefinitionService segments,
            SegmentPauses pauses,
            MembershipService memberships,
            ExportCalls exports,
            SegmentAsOf asOf,
            ObjectMapper json) {
        this.segments = segments;
        this.pauses = pauses;
        this.asOf = asOf;
        this.memberships = memberships;
        this.exports = exports;
        this.json = json;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> createSegment(CreateSegmentRequest request) {
        return segments.create(request.getName(), request.getRule(), definition(request.getDefinitionJson()))
                .map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> updateSegment(UpdateSegmentRequest request) {
        return segments.update(request.getId(), request.getRule(), definition(request.getDefinitionJson()))
                .map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> archiveSegment(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return segments.archive(request.getId()).map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> pauseSegment(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return pauses.pause(request.getId()).map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> resumeSegment(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return pauses.resume(request.getId()).map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Segment> getSegment(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return segments.get(request.getId()).map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Multi<Member> listMembers(ListMembersRequest request) {
        if (request.getSegmentId().isBlank()) {
            return Multi.createFrom().failure(invalidArgument("segment_id is required"));
        }
        if (ExportCalls.isExport(request)) {
            return exports.listMembers(request);
        }
        return memberships.stream(request.getSegmentId()).map(SegmentGrpcService::toProto);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<SegmentSnapshot> takeSnapshot(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return exports.takeSnapshot(request.getId());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListSnapshotsResponse> listSnapshots(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return exports.listSnapshots(request.getId());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Multi<MemberAsOf> listMembersAsOf(ListMembersAsOfRequest request) {
        if (request.getSegmentId().isBlank()) {
            return Multi.createFrom().failure(invalidArgument("segment_id is required"));
        }
        if (!request.hasAsOf()) {
            return Multi.createFrom()
                    .failure(invalidArgument("as_of is required; ListMembers streams the current members"));
        }
        return asOf.members(request.getSegmentId(), ProtoTime.instant(request.getAsOf()), "as_of")
                .map(member -> MemberAsOf.newBuilder()
                        .setOneId(member.oneId())
                        .setOrdinal(member.ordinal())
                        .setVersion(member.version())
                        .build());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<IsMemberResponse> isMember(IsMemberRequest request) {
        if (request.getSegmentId().isBlank()) {
            return invalid("segment_id is required");
        }
        if (request.getOneId().isBlank()) {
            return invalid("one_id is required");
        }
        return memberships
                .isMember(request.getSegmentId(), request.getOneId())
                .map(member -> IsMemberResponse.newBuilder().setMember(member).build());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListMembershipsResponse> listMemberships(ListMembershipsRequest request) {
        if (request.getOneId().isBlank()) {
            return invalid("one_id is required");
        }
        return memberships.ofProfile(request.getOneId()).map(found -> {
            ListMembershipsResponse.Builder response = ListMembershipsResponse.newBuilder();
            found.forEach(m -> response.addMemberships(SegmentMembership.newBuilder()
                    .setSegmentId(m.segmentId())
                    .setSegmentName(m.segmentName())
                    .setEnteredAt(ProtoTime.timestamp(m.enteredAt()))));
            return response.build();
        });
    }

    private JsonNode definition(String json) {
        if (json.isBlank()) {
            return null;
        }
        try {
            return this.json.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSegmentException("definition_json", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Segment toProto(SegmentView view) {
        return Segment.newBuilder()
                .setId(view.id())
                .setName(view.name())
                .setRule(view.rule())
                .setSize(view.size())
                .setCreatedAt(ProtoTime.timestamp(view.createdAt()))
                .setVersion(view.version())
                .setStatus(view.status().name())
                .setPausedReason(view.pausedReason() == null ? "" : view.pausedReason())
                .setDefinitionJson(
                        view.definition() == null ? "" : view.definition().toString())
                .setBackfill(
                        view.backfill() == null
                                ? SegmentBackfill.getDefaultInstance()
                                : SegmentBackfill.newBuilder()
                                        .setState(view.backfill().state().name())
                                        .setDone(view.backfill().done())
                                        .setTotal(view.backfill().total())
                                        .build())
                .build();
    }

    private static Member toProto(MemberView view) {
        return Member.newBuilder()
                .setOneId(view.oneId())
                .setOrdinal(view.ordinal())
                .setEnteredAt(ProtoTime.timestamp(view.enteredAt()))
                .build();
    }

    private static RuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static <T> Uni<T> invalid(String message) {
        return Uni.createFrom().failure(invalidArgument(message));
    }
}
