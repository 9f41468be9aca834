package dev.cdp.identity.privacy;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Delivery;
import dev.cdp.proto.v1.DeliveryStatus;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ListDeliveriesOfRequest;
import dev.cdp.proto.v1.ListDeliveriesResponse;
import dev.cdp.proto.v1.ListMembershipsRequest;
import dev.cdp.proto.v1.ListMembershipsResponse;
import dev.cdp.proto.v1.MutinyActivationServiceGrpc;
import dev.cdp.proto.v1.MutinySegmentServiceGrpc;
import dev.cdp.proto.v1.MutinyTagServiceGrpc;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.SegmentMembership;
import dev.cdp.proto.v1.TagHistoryEntry;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagHistoryResponse;
import dev.cdp.proto.v1.TagValue;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Stand-ins for tag-, segment- and activation-service, served by the test's own gRPC server (the
 * export's clients point at it in the test profile): every profile has one tag with one change,
 * one membership and one delivery per OneID asked for. The end-to-end test runs the real ones.
 */
public final class PeerServices {

    public static final String TAG = "order_count_30d";
    public static final String SEGMENT_NAME = "Buyers";
    public static final String CAMPAIGN_ID = "campaign-1";
    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    private PeerServices() {}

    @GrpcService
    public static class Tags extends MutinyTagServiceGrpc.TagServiceImplBase {

        @Override
        public Uni<ProfileTags> getTags(GetTagsRequest request) {
            return Uni.createFrom()
                    .item(ProfileTags.newBuilder()
                            .setOneId(request.getOneId())
                            .putTags(TAG, TagValue.newBuilder().setNumber(1).build())
                            .build());
        }

        @Override
        public Uni<TagHistoryResponse> tagHistory(TagHistoryRequest request) {
            return Uni.createFrom()
                    .item(TagHistoryResponse.newBuilder()
                            .setValue(TagValue.newBuilder().setNumber(1))
                            .addChanges(TagHistoryEntry.newBuilder()
                                    .setNewValue(TagValue.newBuilder().setNumber(1))
                                    .setChangedAt(ProtoTime.timestamp(AT))
                                    .setCause("order-1"))
                            .build());
        }
    }

    @GrpcService
    public static class Segments extends MutinySegmentServiceGrpc.SegmentServiceImplBase {

        @Override
        public Uni<ListMembershipsResponse> listMemberships(ListMembershipsRequest request) {
            return Uni.createFrom()
                    .item(ListMembershipsResponse.newBuilder()
                            .addMemberships(SegmentMembership.newBuilder()
                                    .setSegmentId("segment-1")
                                    .setSegmentName(SEGMENT_NAME)
                                    .setEnteredAt(ProtoTime.timestamp(AT)))
                            .build());
        }
    }

    @GrpcService
    public static class Activation extends MutinyActivationServiceGrpc.ActivationServiceImplBase {

        @Override
        public Uni<ListDeliveriesResponse> listDeliveriesOf(ListDeliveriesOfRequest request) {
            return Uni.createFrom()
                    .item(ListDeliveriesResponse.newBuilder()
                            .addDeliveries(Delivery.newBuilder()
                                    .setId("delivery-of-" + request.getOneId())
                                    .setCampaignId(CAMPAIGN_ID)
                                    .setOneId(request.getOneId())
                                    .setStatus(DeliveryStatus.DELIVERED)
                                    .setAttempts(1)
                                    .setCreatedAt(ProtoTime.timestamp(AT))
                                    .setUpdatedAt(ProtoTime.timestamp(AT)))
                            .build());
        }
    }
}
