package dev.cdp.activation.grpc;

import dev.cdp.activation.campaign.CampaignService;
import dev.cdp.activation.campaign.CampaignSpec;
import dev.cdp.activation.campaign.CampaignView;
import dev.cdp.activation.delivery.DeliveryService;
import dev.cdp.activation.delivery.DeliveryView;
import dev.cdp.activation.destination.DestinationService;
import dev.cdp.activation.destination.DestinationSpec;
import dev.cdp.activation.destination.DestinationView;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.ActivationService;
import dev.cdp.proto.v1.Campaign;
import dev.cdp.proto.v1.CreateCampaignRequest;
import dev.cdp.proto.v1.CreateDestinationRequest;
import dev.cdp.proto.v1.Delivery;
import dev.cdp.proto.v1.DeliveryStatus;
import dev.cdp.proto.v1.Destination;
import dev.cdp.proto.v1.DestinationType;
import dev.cdp.proto.v1.ListDeliveriesOfRequest;
import dev.cdp.proto.v1.ListDeliveriesRequest;
import dev.cdp.proto.v1.ListDeliveriesResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** gRPC adapter of the destination, campaign and delivery services. */
@GrpcService
public class ActivationGrpcService implements ActivationService {

    private final DestinationService destinations;
    private final CampaignService campaigns;
    private final DeliveryService deliveries;

    public ActivationGrpcService(
            DestinationService destinations, CampaignService campaigns, DeliveryService deliveries) {
        this.destinations = destinations;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
    }

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Override
    public Uni<Destination> createDestination(CreateDestinationRequest request) {
        // The proto3 default means the caller did not say; the domain reports that as a missing type.
        String type = request.getType() == DestinationType.DESTINATION_TYPE_UNSPECIFIED
                ? null
                : request.getType().name();
        return destinations
                .create(DestinationSpec.of(request.getName(), type, request.getUrl()))
                .map(ActivationGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER})
    @Override
    public Uni<Campaign> createCampaign(CreateCampaignRequest request) {
        return campaigns
                .create(CampaignSpec.of(
                        request.getName(), request.getSegmentId(), request.getDestinationId(), request.getMessage()))
                .map(ActivationGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Override
    public Uni<ListDeliveriesResponse> listDeliveries(ListDeliveriesRequest request) {
        if (request.getCampaignId().isBlank()) {
            throw new InvalidInputException("campaign_id", "is required");
        }
        return deliveries
                .listByCampaign(request.getCampaignId())
                .map(found -> ListDeliveriesResponse.newBuilder()
                        .addAllDeliveries(found.stream()
                                .map(ActivationGrpcService::toProto)
                                .toList())
                        .build());
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.MARKETER, Roles.ANALYST})
    @Override
    public Uni<ListDeliveriesResponse> listDeliveriesOf(ListDeliveriesOfRequest request) {
        if (request.getOneId().isBlank()) {
            throw new InvalidInputException("one_id", "is required");
        }
        return deliveries
                .listByOneId(request.getOneId())
                .map(found -> ListDeliveriesResponse.newBuilder()
                        .addAllDeliveries(found.stream()
                                .map(ActivationGrpcService::toProto)
                                .toList())
                        .build());
    }

    private static Destination toProto(DestinationView view) {
        return Destination.newBuilder()
                .setId(view.id())
                .setName(view.name())
                .setType(DestinationType.valueOf(view.type().name()))
                .setUrl(view.url())
                .build();
    }

    private static Campaign toProto(CampaignView view) {
        return Campaign.newBuilder()
                .setId(view.id())
                .setName(view.name())
                .setSegmentId(view.segmentId())
                .setDestinationId(view.destinationId())
                .setMessage(view.message())
                .build();
    }

    private static Delivery toProto(DeliveryView view) {
        Delivery.Builder delivery = Delivery.newBuilder()
                .setId(view.id())
                .setCampaignId(view.campaignId())
                .setOneId(view.oneId())
                .setStatus(DeliveryStatus.valueOf(view.status().name()))
                .setAttempts(view.attempts())
                .setCreatedAt(ProtoTime.timestamp(view.createdAt()))
                .setUpdatedAt(ProtoTime.timestamp(view.updatedAt()));
        if (view.lastStatusCode() != null) {
            delivery.setLastStatusCode(view.lastStatusCode());
        }
        if (view.lastError() != null) {
            delivery.setLastError(view.lastError());
        }
        return delivery.build();
    }
}
