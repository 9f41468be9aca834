package dev.cdp.tag.read.grpc;

import dev.cdp.proto.v1.BatchGetTagsRequest;
import dev.cdp.proto.v1.BatchGetTagsResponse;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.TagService;
import dev.cdp.tag.read.TagReader;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;

/** gRPC adapter of {@link TagReader}. */
@GrpcService
public class TagGrpcService implements TagService {

    static final int MAX_BATCH = 1000;

    private final TagReader reader;

    public TagGrpcService(TagReader reader) {
        this.reader = reader;
    }

    @Override
    public Uni<ProfileTags> getTags(GetTagsRequest request) {
        if (request.getOneId().isBlank()) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("one_id is required").asRuntimeException());
        }
        return reader.tags(request.getOneId(), Set.copyOf(request.getTagsList()))
                .map(tags -> ProfileTags.newBuilder().setOneId(request.getOneId()).putAllTags(tags).build());
    }

    @Override
    public Uni<BatchGetTagsResponse> batchGetTags(BatchGetTagsRequest request) {
        if (request.getOneIdsCount() > MAX_BATCH) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT
                    .withDescription("one_ids holds " + request.getOneIdsCount() + " ids; the limit is " + MAX_BATCH)
                    .asRuntimeException());
        }
        List<String> oneIds = request.getOneIdsList();
        return reader.tags(oneIds, Set.copyOf(request.getTagsList())).map(all -> {
            BatchGetTagsResponse.Builder response = BatchGetTagsResponse.newBuilder();
            for (int i = 0; i < oneIds.size(); i++) {
                response.addProfiles(ProfileTags.newBuilder().setOneId(oneIds.get(i)).putAllTags(all.get(i)));
            }
            return response.build();
        });
    }
}
