package dev.cdp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.bench.load.Latency;
import dev.cdp.bench.load.LoadLoop;
import dev.cdp.proto.v1.BatchResolveRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentifierSet;
import dev.cdp.proto.v1.IdentityServiceGrpc;
import dev.cdp.proto.v1.ResolveRequest;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IdentityService/Resolve for people identity-service knows, as an app asks "who is this?" before
 * personalising a page: read only, or with create_if_missing as a caller that cannot tell new
 * from known people sends it; and BatchResolve, many people per call.
 */
final class ResolveLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<IdentityServiceGrpc.IdentityServiceFutureStub> stubs;
    private final List<Identifier> known;
    private final AtomicInteger next = new AtomicInteger();

    /** Calls go round the channels, as callers from several instances would hold several connections. */
    ResolveLoad(List<ManagedChannel> channels, List<Identifier> known) {
        this.stubs = channels.stream().map(IdentityServiceGrpc::newFutureStub).toList();
        this.known = known;
    }

    /** The person named by each event of the /v1/batch bodies (userId, else anonymousId), distinct, at most {@code limit}. */
    static List<Identifier> people(List<String> bodies, int limit) throws IOException {
        Set<Identifier> people = new LinkedHashSet<>();
        for (String body : bodies) {
            for (JsonNode event : JSON.readTree(body).path("batch")) {
                String userId = event.path("userId").asText("");
                people.add(userId.isEmpty()
                        ? Identifier.newBuilder().setType("anonymous_id").setValue(event.path("anonymousId").asText()).build()
                        : Identifier.newBuilder().setType("user_id").setValue(userId).build());
                if (people.size() == limit) {
                    return List.copyOf(people);
                }
            }
        }
        return List.copyOf(people);
    }

    Latency atRate(boolean create, double perSecond, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.openLoop(String.format("Resolve%s at %.0f/s", create ? " (create if missing)" : "", perSecond),
                perSecond, warmup, measured, () -> call(create));
    }

    Latency saturated(boolean create, int callers, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.closedLoop(String.format("Resolve%s saturated, %d callers", create ? " (create if missing)" : "", callers),
                callers, warmup, measured, () -> call(create));
    }

    /** BatchResolve calls of {@code size} known people each, as a list upload or a sync sends them. */
    Latency batchesSaturated(boolean create, int size, int callers, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.closedLoop(String.format("BatchResolve of %d%s saturated, %d callers", size,
                create ? " (create if missing)" : "", callers), callers, warmup, measured, () -> batch(create, size));
    }

    Latency batchesAtRate(boolean create, int size, double perSecond, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.openLoop(String.format("BatchResolve of %d%s at %.0f calls/s", size, create ? " (create if missing)" : "", perSecond),
                perSecond, warmup, measured, () -> batch(create, size));
    }

    private CompletableFuture<?> batch(boolean create, int size) {
        BatchResolveRequest.Builder request = BatchResolveRequest.newBuilder().setCreateIfMissing(create);
        for (int i = 0; i < size; i++) {
            request.addPeople(IdentifierSet.newBuilder().addIdentifiers(known.get(ThreadLocalRandom.current().nextInt(known.size()))));
        }
        return Grpc.toCompletable(nextStub().batchResolve(request.build()));
    }

    private IdentityServiceGrpc.IdentityServiceFutureStub nextStub() {
        return stubs.get(Math.floorMod(next.getAndIncrement(), stubs.size()));
    }

    private CompletableFuture<?> call(boolean create) {
        Identifier person = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        ResolveRequest request = ResolveRequest.newBuilder().addIdentifiers(person).setCreateIfMissing(create).build();
        return Grpc.toCompletable(nextStub().resolve(request));
    }
}
