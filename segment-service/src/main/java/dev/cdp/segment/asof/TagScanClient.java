package dev.cdp.segment.asof;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.ScanTagsRequest;
import dev.cdp.proto.v1.ScannedProfile;
import dev.cdp.proto.v1.TagService;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * tag-service's ScanTags, called with the service's own credentials (platform ServiceCredentials):
 * every profile's tags, now or at a past moment, read as the caller takes them. A stream that
 * sends nothing for {@code cdp.as-of.scan-idle-timeout}, or fails, is a
 * {@link TagsUnavailableException} (503 / UNAVAILABLE) instead of a hang or an internal error.
 */
@ApplicationScoped
public class TagScanClient {

    /** The cause the snapshots carry: they come from tag-service's store, not from one change. */
    static final String CAUSE = "tag-service:scan";

    private final TagService tags;
    private final Duration idleTimeout;

    public TagScanClient(@GrpcClient("tags") TagService tags, AsOfConfig config) {
        this.tags = tags;
        this.idleTimeout = config.scanIdleTimeout();
    }

    /** Every profile's current tags, each stamped with when tag-service read it. */
    public Multi<TagSnapshot> current() {
        return scan(ScanTagsRequest.getDefaultInstance());
    }

    /** Every profile's tags as they were at {@code at}, in OneID order. */
    public Multi<TagSnapshot> asOf(Instant at) {
        return scan(
                ScanTagsRequest.newBuilder().setAsOf(ProtoTime.timestamp(at)).build());
    }

    private Multi<TagSnapshot> scan(ScanTagsRequest request) {
        return Multi.createFrom()
                .deferred(() -> CallerContext.resume(tags.scanTags(request)))
                .ifNoItem()
                .after(idleTimeout)
                .failWith(() -> new TagsUnavailableException("no profile came for " + idleTimeout, null))
                .onFailure(failure -> !(failure instanceof TagsUnavailableException))
                .transform(failure -> new TagsUnavailableException(failure.getMessage(), failure))
                .map(TagScanClient::snapshot);
    }

    private static TagSnapshot snapshot(ScannedProfile profile) {
        return new TagSnapshot(
                profile.getOneId(),
                profile.getOrdinal(),
                profile.getTagsMap(),
                CAUSE,
                ProtoTime.instant(profile.getAt()));
    }
}
