package dev.cdp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.bench.load.Latency;
import dev.cdp.bench.load.LoadLoop;
import dev.cdp.datagen.CustomerGenerator;
import dev.cdp.datagen.Main;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.TagServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** The platform measured from outside, as its users load it. */
final class Scenarios {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks the messageIds a returning pass replaces. */
    private static final String PASS = "@pass@";

    private final String identityUrl;
    /** The Authorization header of the source the load is sent as. */
    private final String authorization;
    /** Several connections, as callers from several instances would hold: one HTTP/2 connection is served by one event loop. */
    private final List<ManagedChannel> tags;

    private final AtomicInteger nextChannel = new AtomicInteger();
    /** Shared by every ingest step, so no step re-sends (and so deduplicates) another's events. */
    private final AtomicInteger nextBody = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Scenarios(String identityUrl, String writeKey, List<ManagedChannel> tags) {
        this.identityUrl = identityUrl;
        this.authorization = Main.basicAuthorization(writeKey);
        this.tags = tags;
    }

    /** GetTags for random seeded profiles at a fixed rate. */
    Latency getTagsAtRate(double perSecond, int profiles, Duration warmup, Duration measured)
            throws InterruptedException {
        List<TagServiceGrpc.TagServiceFutureStub> stubs = futureStubs();
        return LoadLoop.openLoop(
                String.format("GetTags at %.0f/s", perSecond),
                perSecond,
                warmup,
                measured,
                () -> Grpc.toCompletable(next(stubs).getTags(randomProfile(profiles))));
    }

    /** GetTags with {@code concurrency} callers as fast as the service answers. */
    Latency getTagsSaturated(int concurrency, int profiles, Duration warmup, Duration measured)
            throws InterruptedException {
        List<TagServiceGrpc.TagServiceFutureStub> stubs = futureStubs();
        return LoadLoop.closedLoop(
                "GetTags saturated, " + concurrency + " callers",
                concurrency,
                warmup,
                measured,
                () -> Grpc.toCompletable(next(stubs).getTags(randomProfile(profiles))));
    }

    /** One profile's tags, as GetTags answers them. */
    ProfileTags getTags(String oneId) {
        return TagServiceGrpc.newBlockingStub(tags.get(0))
                .getTags(GetTagsRequest.newBuilder().setOneId(oneId).build());
    }

    private List<TagServiceGrpc.TagServiceFutureStub> futureStubs() {
        return tags.stream().map(TagServiceGrpc::newFutureStub).toList();
    }

    private <T> T next(List<T> pool) {
        return pool.get(Math.floorMod(nextChannel.getAndIncrement(), pool.size()));
    }

    /** Pre-serialised /v1/batch bodies of fresh generated customers, enough for {@code events}. */
    static List<String> batches(int events, int batchSize) throws IOException {
        return batches(events, batchSize, System.nanoTime(), false);
    }

    /**
     * Pre-serialised /v1/batch bodies of the customers of generator {@code seed}, enough for
     * {@code events}, person after person. With {@code again}, messageIds start with {@link #PASS},
     * which each sending replaces: the same people come back with new events.
     */
    static List<String> batches(int events, int batchSize, long seed, boolean again) throws IOException {
        return chunks(events(events, seed, again), batchSize);
    }

    /**
     * As {@link #batches(int, int, long, boolean)}, but the people's events merged in time order,
     * as a busy source sends them: a batch holds many people, each person's events keep their order.
     */
    static List<String> batchesInTimeOrder(int events, int batchSize, long seed, boolean again) throws IOException {
        List<ObjectNode> all = events(events, seed, again);
        if (again) {
            // Other messageIds than the person-ordered bodies of the same people carry.
            all.forEach(event ->
                    event.put("messageId", event.get("messageId").asText().replace(PASS, PASS + "time-")));
        }
        all.sort(Comparator.comparing(
                event -> Instant.parse(event.get("timestamp").asText())));
        return chunks(all, batchSize);
    }

    private static List<ObjectNode> events(int events, long seed, boolean again) {
        CustomerGenerator generator = new CustomerGenerator(seed);
        List<ObjectNode> all = new ArrayList<>();
        Instant end = Instant.now();
        for (int p = 0; all.size() < events; p++) {
            for (ObjectNode event : generator.events(generator.person(p), end)) {
                if (again) {
                    event.put("messageId", PASS + event.get("messageId").asText());
                }
                all.add(event);
            }
        }
        return all;
    }

    /** Whole batches only: the events past the last full one are left out. */
    private static List<String> chunks(List<ObjectNode> events, int batchSize) throws IOException {
        List<String> bodies = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        for (ObjectNode event : events) {
            batch.add(event);
            if (batch.size() == batchSize) {
                bodies.add(JSON.writeValueAsString(body));
                batch.removeAll();
            }
        }
        return bodies;
    }

    /**
     * POST /v1/batch with {@code callers} callers as fast as identity-service answers. Bodies made
     * with {@code again} are sent round and round, each pass with new messageIds; others once each.
     *
     * @param sent counts the bodies sent, warm-up included
     */
    Latency ingestSaturated(
            String name,
            int callers,
            int batchSize,
            List<String> bodies,
            AtomicInteger sent,
            Duration warmup,
            Duration measured)
            throws InterruptedException {
        boolean again = bodies.get(0).contains(PASS);
        Latency perRequest = LoadLoop.closedLoop(name, callers, warmup, measured, () -> {
            int index = sent.getAndIncrement();
            if (!again && index >= bodies.size()) {
                return CompletableFuture.failedFuture(new IllegalStateException("ran out of prepared batches"));
            }
            String body = bodies.get(index % bodies.size());
            return postBatch(again ? body.replace(PASS, "pass" + index / bodies.size() + "-") : body);
        });
        return perEvent(perRequest, 0, batchSize);
    }

    /**
     * Single Segment events of the customers of generator {@code seed}, as a high-volume source
     * writes them to cdp.events.raw: the person's id as key, each with a messageId of this pass.
     */
    static List<String[]> rawEvents(int events, long seed, String pass) {
        CustomerGenerator generator = new CustomerGenerator(seed);
        List<String[]> records = new ArrayList<>();
        Instant end = Instant.now();
        for (int p = 0; records.size() < events; p++) {
            for (ObjectNode event : generator.events(generator.person(p), end)) {
                event.put("messageId", pass + event.get("messageId").asText());
                String key = event.hasNonNull("userId")
                        ? event.get("userId").asText()
                        : event.get("anonymousId").asText();
                records.add(new String[] {key, event.toString()});
            }
        }
        return records;
    }

    /** POST /v1/batch bodies at a fixed event rate; each request carries one batch. */
    Latency ingestAtRate(double eventsPerSecond, int batchSize, List<String> bodies, Duration warmup, Duration measured)
            throws InterruptedException {
        return ingestAtRate("", eventsPerSecond, batchSize, bodies, warmup, measured);
    }

    /** @param label said before the rate in the step's name */
    Latency ingestAtRate(
            String label,
            double eventsPerSecond,
            int batchSize,
            List<String> bodies,
            Duration warmup,
            Duration measured)
            throws InterruptedException {
        Latency perRequest = LoadLoop.openLoop(
                String.format("ingest %sat %.0f events/s", label, eventsPerSecond),
                eventsPerSecond / batchSize,
                warmup,
                measured,
                () -> {
                    int index = nextBody.getAndIncrement();
                    // Bodies of returning customers get new messageIds on each pass.
                    return postBatch(
                            bodies.get(index % bodies.size()).replace(PASS, "paced" + index / bodies.size() + "-"));
                });
        return perEvent(perRequest, eventsPerSecond, batchSize);
    }

    private CompletableFuture<HttpResponse<Void>> postBatch(String body) {
        return http.sendAsync(
                        HttpRequest.newBuilder(URI.create(identityUrl + "/v1/batch"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return response;
                });
    }

    /** Rates in events instead of requests; latencies stay those of the whole batch. */
    private static Latency perEvent(Latency perRequest, double eventsPerSecond, int batchSize) {
        return new Latency(
                perRequest.name(),
                eventsPerSecond,
                perRequest.achievedRate() * batchSize,
                perRequest.count(),
                perRequest.errors(),
                perRequest.p50(),
                perRequest.p95(),
                perRequest.p99(),
                perRequest.p999(),
                perRequest.max(),
                perRequest.firstError());
    }

    /**
     * Event accepted → tag readable: while {@code running}, sends a track event for a new person
     * every {@code every} and polls GetTags until the event is counted. Latency runs from before
     * the POST to the first read that shows it.
     */
    /** Event → tag readable and, with a membership probe, event → segment member, for the same events. */
    record Probes(Histogram tag, Histogram membership) {}

    /**
     * One probe event every {@code every} from a new profile while {@code running}: the time until
     * its tag is readable from tag-service and, when {@code membership} is not null, until the
     * profile is in the probe's segment.
     */
    Probes probeEvents(AtomicBoolean running, Duration every, MembershipProbe membership)
            throws IOException, InterruptedException {
        Histogram tag = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        Histogram member = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        TagServiceGrpc.TagServiceBlockingStub stub = TagServiceGrpc.newBlockingStub(tags.get(0));
        while (running.get()) {
            long start = System.nanoTime();
            String body = JSON.createObjectNode()
                    .put("userId", "probe-" + UUID.randomUUID())
                    .put("event", "Probe")
                    .put("messageId", UUID.randomUUID().toString())
                    .toString();
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(identityUrl + "/v1/track"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String oneId = JSON.readTree(accepted.body()).path("oneId").asText();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                ProfileTags read = stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getTags(GetTagsRequest.newBuilder()
                                .setOneId(oneId)
                                .addTags("event_count_30d")
                                .build());
                if (read.getTagsCount() > 0) {
                    record(tag, start);
                    break;
                }
                Thread.sleep(2);
            }
            if (membership != null && membership.awaitMember(oneId, deadline)) {
                record(member, start);
            }
            long rest = every.toNanos() - (System.nanoTime() - start);
            if (rest > 0) {
                TimeUnit.NANOSECONDS.sleep(rest);
            }
        }
        return new Probes(tag, member);
    }

    private static void record(Histogram histogram, long start) {
        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), (System.nanoTime() - start) / 1000));
    }

    private static GetTagsRequest randomProfile(int profiles) {
        return GetTagsRequest.newBuilder()
                .setOneId(RedisSeed.oneId(ThreadLocalRandom.current().nextInt(profiles)))
                .build();
    }
}
