package dev.cdp.segment.growth.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.GetModelRunRequest;
import dev.cdp.proto.v1.GetRfmGridRequest;
import dev.cdp.proto.v1.ListModelRunsRequest;
import dev.cdp.proto.v1.ListModelRunsResponse;
import dev.cdp.proto.v1.ModelRun;
import dev.cdp.proto.v1.ModelService;
import dev.cdp.proto.v1.RfmCell;
import dev.cdp.proto.v1.RfmGrid;
import dev.cdp.proto.v1.StartModelRunRequest;
import dev.cdp.segment.growth.AiplRuns;
import dev.cdp.segment.growth.InterestRuns;
import dev.cdp.segment.growth.LtvRuns;
import dev.cdp.segment.growth.ModelRunView;
import dev.cdp.segment.growth.ModelRuns;
import dev.cdp.segment.growth.RfmRuns;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** gRPC adapter of the growth models' runs: what {@code /v1/models} offers over REST. */
@GrpcService
public class ModelGrpcService implements ModelService {

    private final RfmRuns rfm;
    private final LtvRuns ltv;
    private final AiplRuns aipl;
    private final InterestRuns interests;
    private final ModelRuns runs;

    public ModelGrpcService(RfmRuns rfm, LtvRuns ltv, AiplRuns aipl, InterestRuns interests, ModelRuns runs) {
        this.interests = interests;
        this.rfm = rfm;
        this.ltv = ltv;
        this.aipl = aipl;
        this.runs = runs;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Override
    public Uni<ModelRun> startModelRun(StartModelRunRequest request) {
        Uni<ModelRunView> started = switch (request.getModelCase()) {
            case RFM ->
                rfm.start(
                        request.getRfm().getScoring().isBlank()
                                ? "quintiles"
                                : request.getRfm().getScoring(),
                        request.getRfm().getSegmentId().isBlank()
                                ? null
                                : request.getRfm().getSegmentId());
            case LTV ->
                ltv.start(
                        request.getLtv().getCalibrationEnd().isBlank()
                                ? null
                                : request.getLtv().getCalibrationEnd());
            case AIPL ->
                aipl.start(
                        request.getAipl().getSegmentId().isBlank()
                                ? null
                                : request.getAipl().getSegmentId());
            case INTERESTS -> interests.start();
            case MODEL_NOT_SET ->
                Uni.createFrom()
                        .failure(Status.INVALID_ARGUMENT
                                .withDescription(
                                        "name the model to run: rfm, ltv, aipl or interests, with its parameters")
                                .asRuntimeException());
        };
        return started.map(ModelGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ModelRun> getModelRun(GetModelRunRequest request) {
        return runs.get(request.getId()).map(ModelGrpcService::toProto);
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<ListModelRunsResponse> listModelRuns(ListModelRunsRequest request) {
        if (!List.of(RfmRuns.MODEL, LtvRuns.MODEL, AiplRuns.MODEL, InterestRuns.MODEL)
                .contains(request.getModel())) {
            return Uni.createFrom()
                    .failure(Status.INVALID_ARGUMENT
                            .withDescription(
                                    "model must be rfm, ltv, aipl or interests, got \"" + request.getModel() + "\"")
                            .asRuntimeException());
        }
        return runs.list(request.getModel())
                .map(list -> ListModelRunsResponse.newBuilder()
                        .addAllRuns(list.stream().map(ModelGrpcService::toProto).toList())
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<RfmGrid> getRfmGrid(GetRfmGridRequest request) {
        return rfm.grid().map(grid -> {
            RfmGrid.Builder proto =
                    RfmGrid.newBuilder().setRunId(grid.runId()).setFinishedAt(ProtoTime.timestamp(grid.finishedAt()));
            for (JsonNode cell : grid.cells()) {
                proto.addCells(RfmCell.newBuilder()
                        .setR(cell.get("r").asInt())
                        .setF(cell.get("f").asInt())
                        .setGroup(cell.get("group").asText())
                        .setCustomers(cell.get("customers").asLong())
                        .setSpend(cell.get("spend").asDouble()));
            }
            return proto.build();
        });
    }

    private static ModelRun toProto(ModelRunView run) {
        ModelRun.Builder proto = ModelRun.newBuilder()
                .setId(run.id())
                .setModel(run.model())
                .setStatus(run.status().name())
                .setStartedAt(ProtoTime.timestamp(run.startedAt()))
                .setParametersJson(run.parameters().toString())
                .setWritten(run.written());
        if (run.finishedAt() != null) {
            proto.setFinishedAt(ProtoTime.timestamp(run.finishedAt()));
        }
        if (run.metrics() != null) {
            proto.setMetricsJson(run.metrics().toString());
        }
        if (run.error() != null) {
            proto.setError(run.error());
        }
        return proto.build();
    }
}
