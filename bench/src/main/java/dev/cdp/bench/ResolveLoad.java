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
import java.util.function.Consumer;

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
    /** New people's identifiers are unique to this run. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private final AtomicInteger pairs = new AtomicInteger();

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
                people.add(
                        userId.isEmpty()
                                ? Identifier.newBuilder()
                                        .setType("anonymous_id")
                                        .setValue(event.path("anonymousId").asText())
                                        .build()
                                : Identifier.newBuilder()
                                        .setType("user_id")
                                        .setValue(userId)
                                        .build());
                if (people.size() == limit) {
                    return List.copyOf(people);
                }
            }
        }
        return List.copyOf(people);
    }

    Latency atRate(boolean create, double perSecond, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.openLoop(
                String.format("Resolve%s at %.0f/s", create ? " (create if missing)" : "", perSecond),
                perSecond,
                warmup,
                measured,
                () -> call(create));
    }

    Latency saturated(boolean create, int callers, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.closedLoop(
                String.format("Resolve%s saturated, %d callers", create ? " (create if missing)" : "", callers),
                callers,
                warmup,
                measured,
                () -> call(create));
    }

    /** BatchResolve calls of {@code size} known people each, as a list upload or a sync sends them. */
    Latency batchesSaturated(boolean create, int size, int callers, Duration warmup, Duration measured)
            throws InterruptedException {
        return LoadLoop.closedLoop(
                String.format(
                        "BatchResolve of %d%s saturated, %d callers",
                        size, create ? " (create if missing)" : "", callers),
                callers,
                warmup,
                measured,
                () -> batch(create, size));
    }

    Latency batchesAtRate(boolean create, int size, double perSecond, Duration warmup, Duration measured)
            throws InterruptedException {
        return LoadLoop.openLoop(
                String.format(
                        "BatchResolve of %d%s at %.0f calls/s", size, create ? " (create if missing)" : "", perSecond),
                perSecond,
                warmup,
                measured,
                () -> batch(create, size));
    }

    private CompletableFuture<?> batch(boolean create, int size) {
        return batchResolve(create, request -> {
            for (int i = 0; i < size; i++) {
                request.addPeople(IdentifierSet.newBuilder()
                        .addIdentifiers(known.get(ThreadLocalRandom.current().nextInt(known.size()))));
            }
        });
    }

    /** One BatchResolve call with the entries {@code people} adds, on the next connection. */
    private CompletableFuture<?> batchResolve(boolean create, Consumer<BatchResolveRequest.Builder> people) {
        BatchResolveRequest.Builder request = BatchResolveRequest.newBuilder().setCreateIfMissing(create);
        people.accept(request);
        return Grpc.toCompletable(nextStub().batchResolve(request.build()));
    }

    /**
     * BatchResolve (create if missing) of people nobody has seen: each call names {@code size / 2}
     * new members and, as separate entries, their app devices, so every entry creates a profile.
     * The pairs are what {@link #mergePairs} then links.
     */
    Latency newPeople(int size, int callers, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.closedLoop(
                String.format("BatchResolve of %d new people (create), %d callers", size, callers),
                callers,
                warmup,
                measured,
                () -> {
                    int first = pairs.getAndAdd(size / 2);
                    return batchResolve(true, request -> {
                        for (int p = first; p < first + size / 2; p++) {
                            request.addPeople(IdentifierSet.newBuilder().addIdentifiers(member(p)));
                            request.addPeople(IdentifierSet.newBuilder().addIdentifiers(device(p)));
                        }
                    });
                });
    }

    /** Every pair {@link #newPeople} created, linked: each entry names a member and their device, merging two profiles. */
    Latency mergePairs(int size, int callers) throws InterruptedException {
        int calls = pairs.get() / size;
        return LoadLoop.untilDone(
                String.format("BatchResolve of %d links of two profiles (merges), %d callers", size, callers),
                callers,
                calls,
                call -> batchResolve(true, request -> {
                    for (int p = call * size; p < (call + 1) * size; p++) {
                        request.addPeople(IdentifierSet.newBuilder()
                                .addIdentifiers(member(p))
                                .addIdentifiers(device(p)));
                    }
                }));
    }

    private Identifier member(int pair) {
        return Identifier.newBuilder()
                .setType("user_id")
                .setValue("bench-" + run + "-" + pair)
                .build();
    }

    private Identifier device(int pair) {
        return Identifier.newBuilder()
                .setType("anonymous_id")
                .setValue("bench-" + run + "-" + pair + "-app")
                .build();
    }

    private IdentityServiceGrpc.IdentityServiceFutureStub nextStub() {
        return stubs.get(Math.floorMod(next.getAndIncrement(), stubs.size()));
    }

    private CompletableFuture<?> call(boolean create) {
        Identifier person = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        ResolveRequest request = ResolveRequest.newBuilder()
                .addIdentifiers(person)
                .setCreateIfMissing(create)
                .build();
        return Grpc.toCompletable(nextStub().resolve(request));
    }
}
