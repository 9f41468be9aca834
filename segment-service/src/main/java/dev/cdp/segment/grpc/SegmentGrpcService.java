package dev.cdp.segment.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.ExplainMembershipRequest;
import dev.cdp.proto.v1.ExplainedCondition;
import dev.cdp.proto.v1.GetInsightRequest;
import dev.cdp.proto.v1.GetOverlapRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IsMemberRequest;
import dev.cdp.proto.v1.IsMemberResponse;
import dev.cdp.proto.v1.ListMembersAsOfRequest;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.ListMembershipsRequest;
import dev.cdp.proto.v1.ListMembershipsResponse;
import dev.cdp.proto.v1.ListSegmentVersionsResponse;
import dev.cdp.proto.v1.ListSegmentsRequest;
import dev.cdp.proto.v1.ListSegmentsResponse;
import dev.cdp.proto.v1.ListSizesRequest;
import dev.cdp.proto.v1.ListSizesResponse;
import dev.cdp.proto.v1.ListSnapshotsResponse;
import dev.cdp.proto.v1.Member;
import dev.cdp.proto.v1.MemberAsOf;
import dev.cdp.proto.v1.MembershipExplanation;
import dev.cdp.proto.v1.PreviewSegmentRequest;
import dev.cdp.proto.v1.PreviewSegmentResponse;
import dev.cdp.proto.v1.ReachEstimate;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentBackfill;
import dev.cdp.proto.v1.SegmentInsight;
import dev.cdp.proto.v1.SegmentMembership;
import dev.cdp.proto.v1.SegmentOverlap;
import dev.cdp.proto.v1.SegmentRuleVersion;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.SegmentSnapshot;
import dev.cdp.proto.v1.UpdateSegmentRequest;
import dev.cdp.rules.Explanation;
import dev.cdp.segment.asof.SegmentAsOf;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.definition.SegmentPauses;
import dev.cdp.segment.definition.SegmentView;
import dev.cdp.segment.export.grpc.ExportCalls;
import dev.cdp.segment.insight.grpc.InsightCalls;
import dev.cdp.segment.membership.MemberView;
import dev.cdp.segment.membership.MembershipService;
import dev.cdp.segment.membership.SegmentExplainer;
import dev.cdp.segment.membership.SegmentPreview;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** gRPC adapter of the segment, membership, export and insight services: everything the REST API offers. */
@GrpcService
public class SegmentGrpcService implements SegmentService {

    private final SegmentDefinitionService segments;
    private final SegmentPauses pauses;
    private final MembershipService memberships;
    private final ExportCalls exports;
    private final SegmentAsOf asOf;
    private final SegmentPreview preview;
    private final SegmentExplainer explainer;
    private final InsightCalls insights;

    private final ObjectMapper json;

    public SegmentGrpcService(
            SegmentDefinitionService segments,
            SegmentPauses pauses,
            MembershipService memberships,
            ExportCalls exports,
            SegmentAsOf asOf,
            SegmentPreview preview,
            SegmentExplainer explainer,
            InsightCalls insights,
            ObjectMapper json) {
        this.segments = segments;
        this.pauses = pauses;
        this.asOf = asOf;
        this.memberships = memberships;
        this.exports = exports;
        this.preview = preview;
        this.explainer = explainer;
        this.insights = insights;
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

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListSegmentsResponse> listSegments(ListSegmentsRequest request) {
        return segments.list()
                .map(views -> ListSegmentsResponse.newBuilder()
                        .addAllSegments(
                                views.stream().map(SegmentGrpcService::toProto).toList())
                        .build());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListSegmentVersionsResponse> listSegmentVersions(GetSegmentRequest request) {
        if (request.getId().isBlank()) {
            return invalid("id is required");
        }
        return segments.versions(request.getId()).map(versions -> {
            ListSegmentVersionsResponse.Builder response = ListSegmentVersionsResponse.newBuilder();
            versions.forEach(version -> response.addVersions(SegmentRuleVersion.newBuilder()
                    .setVersion(version.version())
                    .setRule(version.rule())
                    .setDefinitionJson(
                            version.definition() == null
                                    ? ""
                                    : version.definition().toString())
                    .setCreatedAt(ProtoTime.timestamp(version.createdAt()))));
            return response.build();
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<PreviewSegmentResponse> previewSegment(PreviewSegmentRequest request) {
        return preview.preview(
                        request.getRule().isBlank() ? null : request.getRule(),
                        definition(request.getDefinitionJson()),
                        request.getReach())
                .map(found -> {
                    PreviewSegmentResponse.Builder response = PreviewSegmentResponse.newBuilder()
                            .setRule(found.rule())
                            .setCount(found.count())
                            .setProfiles(found.profiles())
                            .addAllSample(found.sample())
                            .addAllNotYetComputed(found.notYetComputed());
                    if (found.reach() != null) {
                        response.setReachSampled(found.reach().sampled());
                        found.reach()
                                .channels()
                                .forEach((channel, reach) -> response.putReach(
                                        channel,
                                        ReachEstimate.newBuilder()
                                                .setReachableInSample(reach.reachableInSample())
                                                .setEstimated(reach.estimated())
                                                .build()));
                    }
                    return response.build();
                });
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<MembershipExplanation> explainMembership(ExplainMembershipRequest request) {
        if (request.getSegmentId().isBlank()) {
            return invalid("segment_id is required");
        }
        if (request.getOneId().isBlank()) {
            return invalid("one_id is required");
        }
        return explainer
                .explain(request.getSegmentId(), request.getOneId())
                .map(found -> MembershipExplanation.newBuilder()
                        .setSegmentId(found.segmentId())
                        .setOneId(found.oneId())
                        .setMember(found.member())
                        .setExplanation(toProto(found.explanation()))
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<SegmentInsight> getInsight(GetInsightRequest request) {
        if (request.getSegmentId().isBlank()) {
            return invalid("segment_id is required");
        }
        return insights.insight(request);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<SegmentOverlap> getOverlap(GetOverlapRequest request) {
        if (request.getSegmentId().isBlank() || request.getOtherId().isBlank()) {
            return invalid("segment_id and other_id are required");
        }
        return insights.overlap(request);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListSizesResponse> listSizes(ListSizesRequest request) {
        if (request.getSegmentId().isBlank()) {
            return invalid("segment_id is required");
        }
        return insights.sizes(request);
    }

    private ExplainedCondition toProto(Explanation explanation) {
        ExplainedCondition.Builder proto = ExplainedCondition.newBuilder()
                .setCondition(explanation.condition())
                .setResult(explanation.result());
        if (explanation.value() != null) {
            try {
                proto.setValueJson(json.writeValueAsString(explanation.value()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tag value that is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        explanation.parts().forEach(part -> proto.addParts(toProto(part)));
        return proto.build();
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
