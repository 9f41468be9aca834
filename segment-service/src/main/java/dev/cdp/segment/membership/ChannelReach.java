package dev.cdp.segment.membership;

import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.CountReachableRequest;
import dev.cdp.proto.v1.IdentityService;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draft audience's estimated reach per channel: identity-service counts, among a sample of its
 * members, those holding the channel's identifier with marketing consent in force; the share is
 * applied to the whole count (exact when the sample is everyone).
 */
@ApplicationScoped
public class ChannelReach {

    /** Members asked about: one call to identity-service, enough for a share within a few points. */
    static final int SAMPLE = 1000;

    private final IdentityService identity;

    public ChannelReach(@GrpcClient("identity") IdentityService identity) {
        this.identity = identity;
    }

    /**
     * @param sampled how many members were asked about
     * @param channels by channel, how many of the sample it reaches and the estimate for all members
     */
    public record Reach(int sampled, Map<String, Channel> channels) {}

    public record Channel(int reachableInSample, long estimated) {}

    /** The reach of {@code count} members of whom {@code sample} are some (or all). */
    public Uni<Reach> estimate(List<String> sample, long count) {
        if (sample.isEmpty()) {
            return Uni.createFrom().item(new Reach(0, Map.of()));
        }
        return CallerContext.resume(Uni.createFrom()
                .deferred(() -> identity.countReachable(
                        CountReachableRequest.newBuilder().addAllOneIds(sample).build()))
                .ifNoItem()
                .after(Duration.ofSeconds(10))
                .fail()
                .map(response -> {
                    Map<String, Channel> channels = new LinkedHashMap<>();
                    response.getReachableMap().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .forEach(entry -> channels.put(
                                    entry.getKey(),
                                    new Channel(
                                            entry.getValue(),
                                            Math.round((double) count * entry.getValue() / sample.size()))));
                    return new Reach(sample.size(), channels);
                }));
    }
}
