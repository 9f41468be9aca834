package dev.cdp.segment.insight.grpc;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.GetInsightRequest;
import dev.cdp.proto.v1.GetOverlapRequest;
import dev.cdp.proto.v1.ListSizesRequest;
import dev.cdp.proto.v1.ListSizesResponse;
import dev.cdp.proto.v1.SegmentInsight;
import dev.cdp.proto.v1.SegmentOverlap;
import dev.cdp.proto.v1.SegmentSizeAt;
import dev.cdp.proto.v1.TagInsight;
import dev.cdp.proto.v1.ValueInsight;
import dev.cdp.segment.insight.PersonaInsight;
import dev.cdp.segment.insight.SegmentInsights;
import dev.cdp.segment.insight.SegmentSizes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The insight side of {@code cdp.v1.SegmentService} as its gRPC adapter calls it: GetInsight,
 * GetOverlap and ListSizes, mapped between proto and {@link SegmentInsights} / {@link SegmentSizes}.
 */
@ApplicationScoped
public class InsightCalls {

    private final SegmentInsights insights;
    private final SegmentSizes sizes;

    public InsightCalls(SegmentInsights insights, SegmentSizes sizes) {
        this.insights = insights;
        this.sizes = sizes;
    }

    public Uni<SegmentInsight> insight(GetInsightRequest request) {
        String against = request.getAgainst().isBlank() ? null : request.getAgainst();
        List<String> tags = request.getTagsList().stream().distinct().toList();
        Uni<PersonaInsight> insight = request.hasAsOf()
                ? insights.insight(request.getSegmentId(), tags, against, ProtoTime.instant(request.getAsOf()))
                : insights.insight(request.getSegmentId(), tags, against);
        return insight.map(InsightCalls::toProto);
    }

    public Uni<SegmentOverlap> overlap(GetOverlapRequest request) {
        return insights.overlap(request.getSegmentId(), request.getOtherId())
                .map(overlap -> SegmentOverlap.newBuilder()
                        .setSegmentId(overlap.segmentId())
                        .setOtherId(overlap.otherId())
                        .setSize(overlap.size())
                        .setOtherSize(overlap.otherSize())
                        .setBoth(overlap.both())
                        .setJaccard(overlap.jaccard())
                        .build());
    }

    public Uni<ListSizesResponse> sizes(ListSizesRequest request) {
        return sizes.between(
                        request.getSegmentId(),
                        request.hasFrom() ? ProtoTime.instant(request.getFrom()) : null,
                        request.hasTo() ? ProtoTime.instant(request.getTo()) : null)
                .map(recorded -> {
                    ListSizesResponse.Builder response = ListSizesResponse.newBuilder();
                    recorded.forEach(size -> response.addSizes(SegmentSizeAt.newBuilder()
                            .setAt(ProtoTime.timestamp(size.at))
                            .setSize(size.size)));
                    return response.build();
                });
    }

    private static SegmentInsight toProto(PersonaInsight insight) {
        SegmentInsight.Builder proto = SegmentInsight.newBuilder()
                .setSegmentId(insight.segmentId())
                .setMembers(insight.members())
                .setAgainst(insight.against() == null ? "" : insight.against())
                .setPopulation(insight.population());
        insight.tags()
                .forEach(tag -> proto.addTags(TagInsight.newBuilder()
                        .setTag(tag.tag())
                        .addAllValues(
                                tag.values().stream().map(InsightCalls::toProto).toList())
                        .setUnset(toProto(tag.unset()))));
        insight.overIndexed().forEach(value -> proto.addOverIndexed(toProto(value)));
        insight.underIndexed().forEach(value -> proto.addUnderIndexed(toProto(value)));
        return proto.build();
    }

    private static ValueInsight toProto(PersonaInsight.ValueInsight value) {
        ValueInsight.Builder proto = ValueInsight.newBuilder()
                .setTag(value.tag())
                .setValue(value.value() == null ? "" : value.value())
                .setMembers(value.members())
                .setMemberShare(value.memberShare())
                .setPopulation(value.population())
                .setPopulationShare(value.populationShare());
        if (value.tgi() != null) {
            proto.setTgi(value.tgi());
        }
        return proto.build();
    }
}
