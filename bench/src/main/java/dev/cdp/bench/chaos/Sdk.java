package dev.cdp.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends orders as a Segment SDK does: events wait in a queue, a few senders work through it, and
 * each event keeps its messageId and is sent again after a connection error, a 5xx, a 408 or a
 * 429 (after Retry-After, else backing off up to 5 s) until the tracking API answers 200. The
 * ledger is what the platform promised: the messageIds it accepted, per user, and the OneID it
 * named.
 */
final class Sdk {

    private static final Pattern ONE_ID = Pattern.compile("\"oneId\"\\s*:\\s*\"([^\"]+)\"");
    private static final int SENDERS = 16;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final BlockingQueue<Order> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final URI track;
    private final String authorization;
    /** user → messageIds answered 200. */
    final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();

    final Map<String, String> oneIds = new ConcurrentHashMap<>();
    /** What was answered instead of 200, by status ("connection" for no answer), counted per attempt. */
    final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

    final AtomicLong rejected = new AtomicLong();
    final AtomicInteger outstanding = new AtomicInteger();

    private record Order(String user, String messageId, String body, CompletableFuture<String> done) {}

    Sdk(String identityUrl, String writeKey) {
        this.track = URI.create(identityUrl + "/v1/track");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < SENDERS; i++) {
            Thread sender = new Thread(this::work, "sdk-sender-" + i);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
    }

    /** Queues one order; the future completes with the user's OneID once it is accepted. */
    CompletableFuture<String> order(String user, String messageId) {
        outstanding.incrementAndGet();
        Order order = order(user, messageId, new CompletableFuture<>());
        queue.add(order);
        return order.done();
    }

    /** Sends one order at once, ahead of the queue, until it is accepted; returns the user's OneID. */
    String orderNow(String user, String messageId) throws Exception {
        Order order = order(user, messageId, new CompletableFuture<>());
        deliver(order);
        return order.done().get();
    }

    private static Order order(String user, String messageId, CompletableFuture<String> done) {
        String body = """
                {"userId": "%s", "event": "Order Completed", "messageId": "%s", "properties": {"revenue": 1},
                 "timestamp": "%s", "context": {"channel": "web"}}
                """.formatted(user, messageId, Instant.now());
        return new Order(user, messageId, body, done);
    }

    private void work() {
        try {
            while (true) {
                deliver(queue.take());
                outstanding.decrementAndGet();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until the order is answered 200 (or refused for good with a 4xx). */
    private void deliver(Order order) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(track)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(order.body()))
                .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = null;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // No answer: the service is down or restarting.
            }
            int status = response == null ? 0 : response.statusCode();
            if (status == 200) {
                Matcher oneId = ONE_ID.matcher(response.body());
                accepted.computeIfAbsent(order.user(), u -> ConcurrentHashMap.newKeySet())
                        .add(order.messageId());
                if (oneId.find()) {
                    oneIds.put(order.user(), oneId.group(1));
                }
                order.done().complete(oneIds.get(order.user()));
                return;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                rejected.incrementAndGet();
                order.done()
                        .completeExceptionally(new IllegalStateException("refused " + status + ": " + response.body()));
                return;
            }
            refusals.computeIfAbsent(status == 0 ? "connection" : Integer.toString(status), s -> new AtomicLong())
                    .incrementAndGet();
            long pause = response == null
                    ? -1
                    : response.headers().firstValueAsLong("Retry-After").orElse(-1) * 1000;
            Thread.sleep(pause >= 0 ? pause : Math.min(5000, 250L << Math.min(attempt, 5)));
        }
    }

    long acceptedCount() {
        return accepted.values().stream().mapToLong(Set::size).sum();
    }

    void close() {
        senders.forEach(Thread::interrupt);
    }
}
