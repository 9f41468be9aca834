package dev.cdp.segment.growth;

import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.SetTagsRequest;
import dev.cdp.proto.v1.TagService;
import dev.cdp.proto.v1.TagValue;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Writes model tags to tag-service (SetTags, with the service's own credentials), a bounded
 * number of profiles at a time; tag-service validates them against the catalogue and publishes
 * the change, so segments reading them follow.
 */
@ApplicationScoped
public class ModelTags {

    /** One profile's model tags, and those it no longer has. */
    public record Written(String oneId, Map<String, TagValue> tags, java.util.List<String> remove) {

        public Written(String oneId, Map<String, TagValue> tags) {
            this(oneId, tags, java.util.List.of());
        }
    }

    private final TagService tags;
    private final int concurrency;

    public ModelTags(@GrpcClient("tags") TagService tags, GrowthConfig config) {
        this.tags = tags;
        this.concurrency = config.writeConcurrency();
    }

    /** Writes every profile's tags; the count of profiles written, or the first failure. */
    public Uni<Long> write(Iterable<Written> profiles) {
        return Multi.createFrom()
                .iterable(profiles)
                .onItem()
                .transformToUni(profile -> CallerContext.resume(Uni.createFrom()
                        .deferred(() -> tags.setTags(SetTagsRequest.newBuilder()
                                .setOneId(profile.oneId())
                                .putAllTags(profile.tags())
                                .addAllRemove(profile.remove())
                                .build()))))
                .merge(concurrency)
                .collect()
                .with(java.util.stream.Collectors.counting());
    }
}
