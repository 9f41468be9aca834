package dev.cdp.bench.floor;

import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.MutinyTagServiceGrpc;
import dev.cdp.proto.v1.ProfileTags;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GetTags answered from memory with the same ProfileTags for every call, served by quarkus-grpc
 * configured as tag-service's (its own server, Mutiny service, Micrometer): what GetTags costs
 * before Redis and decoding, measured next to the bare grpc-java floor in the same bench run.
 */
@GrpcService
public class FixedTags extends MutinyTagServiceGrpc.TagServiceImplBase {

    private final Uni<ProfileTags> answer;

    FixedTags(@ConfigProperty(name = "cdp.floor.answer") Path answer) throws IOException {
        this.answer = Uni.createFrom().item(ProfileTags.parseFrom(Files.readAllBytes(answer)));
    }

    @Override
    public Uni<ProfileTags> getTags(GetTagsRequest request) {
        return answer;
    }
}
