package dev.cdp.datagen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeMap;

/**
 * Command line: {@code send} posts a generated data set to identity-service's batch API;
 * {@code print} writes the events as JSON lines.
 */
public final class Main {

    private static final String USAGE = """
            usage: datagen send  [--url http://127.0.0.1:8081] [--write-key demo-write-key] [--persons 50] [--seed 42] [--batch 100]
                   datagen print [--persons 3] [--seed 42]
            """;
    /** The write key of the source identity-service seeds for local use (cdp.identity.demo-write-key). */
    public static final String DEMO_WRITE_KEY = "demo-write-key";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("send", "print").contains(args[0])) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int persons = Integer.parseInt(options.getOrDefault("persons", args[0].equals("send") ? "50" : "3"));
        CustomerGenerator generator = new CustomerGenerator(Long.parseLong(options.getOrDefault("seed", "42")));
        Instant end = Instant.now();
        ObjectMapper json = new ObjectMapper();
        if (args[0].equals("print")) {
            for (Person person : generator.persons(persons)) {
                for (ObjectNode event : generator.events(person, end)) {
                    System.out.println(json.writeValueAsString(event));
                }
            }
            return;
        }
        Sent sent = send(
                generator,
                persons,
                end,
                options.getOrDefault("url", "http://127.0.0.1:8081"),
                options.getOrDefault("write-key", DEMO_WRITE_KEY),
                Integer.parseInt(options.getOrDefault("batch", "100")));
        System.out.printf(
                "sent %d events of %d persons (%d seen on two channels) in %d batches; accepted %d, duplicates %d, rejected %d%n",
                sent.events, persons, sent.multiChannel, sent.batches, sent.accepted, sent.duplicates, sent.rejected);
        if (sent.rejected > 0) {
            System.exit(1);
        }
    }

    /**
     * Posts every person's events in order, in batches, and totals what the API answered.
     *
     * @param writeKey the write key of the source the events are sent as
     */
    public static Sent send(
            CustomerGenerator generator, int persons, Instant end, String baseUrl, String writeKey, int batchSize)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ObjectMapper json = new ObjectMapper();
        Sent sent = new Sent();
        List<ObjectNode> pending = new ArrayList<>(batchSize);
        for (Person person : generator.persons(persons)) {
            if (person.multiChannel()) {
                sent.multiChannel++;
            }
            for (ObjectNode event : generator.events(person, end)) {
                pending.add(event);
                if (pending.size() == batchSize) {
                    post(http, json, baseUrl, writeKey, pending, sent);
                }
            }
        }
        if (!pending.isEmpty()) {
            post(http, json, baseUrl, writeKey, pending, sent);
        }
        return sent;
    }

    private static void post(
            HttpClient http, ObjectMapper json, String baseUrl, String writeKey, List<ObjectNode> events, Sent sent)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        events.forEach(batch::add);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/batch"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", basicAuthorization(writeKey))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST /v1/batch answered " + response.statusCode() + ": " + response.body());
        }
        var answer = json.readTree(response.body());
        sent.events += events.size();
        sent.batches++;
        sent.accepted +=
                answer.path("accepted").asInt() - answer.path("duplicates").asInt();
        sent.duplicates += answer.path("duplicates").asInt();
        sent.rejected += answer.path("rejected").size();
        events.clear();
    }

    /** The Authorization header Segment's SDKs send: the write key as HTTP Basic user name, password empty. */
    public static String basicAuthorization(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Totals of one send. */
    public static final class Sent {
        public int events;
        public int batches;
        public int multiChannel;
        public int accepted;
        public int duplicates;
        public int rejected;
    }
}
