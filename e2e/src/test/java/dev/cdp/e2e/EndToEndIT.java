package dev.cdp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.datagen.CustomerGenerator;
import dev.cdp.datagen.Main;
import dev.cdp.datagen.Person;
import dev.cdp.models.Purchase;
import dev.cdp.models.ltv.CdnowData;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.ScanEventsRequest;
import dev.cdp.proto.v1.ScannedEvent;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagServiceGrpc;
import dev.cdp.proto.v1.Transition;
import dev.cdp.testing.TestKafka;
import dev.cdp.testing.TestTokens;
import dev.cdp.testing.WebhookReceiver;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One generated multi-channel data set through the four packaged services: ingest and OneID in
 * identity-service, tags in tag-service, membership in segment-service, a webhook from
 * activation-service. Each hop is asserted where a user would see it.
 */
class EndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The operator driving the REST APIs holds every role; gRPC reads are an internal app's ({@code service}). */
    private static final String OPERATOR = "Bearer " + TestTokens.everyRole();

    private static final String APP = "Bearer " + TestTokens.as(Roles.SERVICE);

    private static Platform platform;
    private static WebhookReceiver webhook;
    /** Contact data the tests send; no service may write any of it to its log. */
    private static final Set<String> SENT_CONTACTS = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startPlatform() throws Exception {
        webhook = WebhookReceiver.start();
        platform = Platform.start(Path.of(System.getProperty("cdp.root", "..")));
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        List<String> logged = new ArrayList<>();
        try (var logs = Files.list(Path.of(System.getProperty("cdp.root", "..")).resolve("e2e/target/e2e-logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                SENT_CONTACTS.stream()
                        .filter(text::contains)
                        .forEach(value -> logged.add(log.getFileName() + ": " + value));
            }
        }
        assertTrue(SENT_CONTACTS.size() > 10, "the tests sent contact data: " + SENT_CONTACTS.size());
        assertEquals(List.of(), logged, "no service logs an email or phone number it was sent");
    }

    /** Remembers the emails and phones of generated people that were sent. */
    private static void sent(List<Person> people) {
        people.forEach(person -> {
            SENT_CONTACTS.add(person.email());
            SENT_CONTACTS.add(person.phone());
        });
    }

    @Test
    void aMultiChannelBuyerIsOneProfileWithTagsEntersTheSegmentAndReceivesTheCampaign() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e shop " + runId, "web");
        HttpResponse<String> keyless = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url("identity-service") + "/v1/track"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"userId\": \"e2e-" + runId + "\", \"event\": \"x\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, keyless.statusCode(), "events are taken only with a source's write key: " + keyless.body());
        String segmentId = segment("e2e buyers " + runId, "order_count_30d >= 1");
        String campaignId =
                webhookCampaign("e2e welcome " + runId, segmentId, "Hello {{one_id}}, welcome to {{segment_name}}");

        CustomerGenerator generator = new CustomerGenerator(System.nanoTime());
        int persons = 30;
        Instant end = Instant.now();
        Person buyer = generator.persons(persons).stream()
                .filter(p -> p.multiChannel() && ordersInWindow(generator, p, end) > 0)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the data set has no multi-channel buyer"));

        try (TestKafka.Watch membership = TestKafka.watch("cdp.segments.membership")) {
            Main.Sent sent = Main.send(generator, persons, end, Platform.url("identity-service"), writeKey, 50);
            sent(generator.persons(persons));
            assertEquals(0, sent.rejected, "every generated event is valid");

            // Hop 1: identity-service — every identifier of the buyer, on both channels, is one profile row.
            String oneId = oneIdOf(buyer);

            // Hop 2: tag-service — the tags, read over gRPC, match the buyer's own events.
            // Events sent under a device's own profile before it merged into the buyer's arrive on
            // another partition and may land after the last order: wait for every one of them.
            awaitTag(oneId, "order_count_30d", ordersInWindow(generator, buyer, end));
            ProfileTags tags = awaitTag(
                    oneId,
                    "event_count_30d",
                    generator.events(buyer, end).size() - eventsBeforeWindow(generator, buyer, end));
            assertTrue(tags.getTagsOrThrow("total_spend").getNumber() > 0);

            // Hop 3: segment-service — the buyer entered the segment.
            ConsumerRecord<String, byte[]> entered = membership.await(
                    r -> r.key().equals(oneId)
                            && parse(r).getSegmentId().equals(segmentId)
                            && parse(r).getTransition() == Transition.ENTER,
                    WAIT);
            assertEquals(oneId, parse(entered).getOneId());

            // Hop 4: activation-service — the webhook got the personalised message, and the delivery is recorded.
            JsonNode message = JSON.readTree(
                    webhook.await(call -> call.body().contains(oneId), WAIT).body());
            assertEquals(oneId, message.get("oneId").asText());
            assertEquals(
                    "Hello " + oneId + ", welcome to e2e buyers " + runId,
                    message.get("message").asText());
            JsonNode delivery = awaitDelivery(campaignId, oneId);
            assertEquals("DELIVERED", delivery.get("status").asText());
            assertEquals(1, delivery.get("attempts").asInt());
        }
    }

    @Test
    void aCustomTagUploadedAsAnEmailListReachesTheRightProfileAndASegmentOverItActivates() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String segmentId = segment("e2e vip " + runId, "vip = TRUE");
        String writeKey = source("e2e crm " + runId, "crm");
        CustomerGenerator generator = new CustomerGenerator(System.nanoTime());
        Person person = generator.persons(3).get(0);
        Main.Sent sent = Main.send(generator, 3, Instant.now(), Platform.url("identity-service"), writeKey, 50);
        sent(generator.persons(3));
        assertEquals(0, sent.rejected);
        String oneId = oneIdOf(person);

        try (TestKafka.Watch membership = TestKafka.watch("cdp.segments.membership")) {
            String csv = "email,value\n" + person.email().toUpperCase(java.util.Locale.ROOT) + ",true\nnobody-" + runId
                    + "@example.com,true\nnot-an-email,true\n";
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(Platform.url("tag-service") + "/v1/catalogue/tags/vip/values"))
                            .header("Content-Type", "text/csv")
                            .header("Authorization", OPERATOR)
                            .POST(HttpRequest.BodyPublishers.ofString(csv))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode report = JSON.readTree(response.body());
            assertEquals(
                    1,
                    report.get("applied").asInt(),
                    "the email, written in capitals, is resolved like any other: " + report);
            assertEquals(3, report.get("unmatched").get(0).get("line").asInt(), report.toString());
            assertEquals(4, report.get("invalid").get(0).get("line").asInt(), report.toString());
            assertEquals(
                    "identifiers", report.get("invalid").get(0).get("field").asText(), report.toString());

            ConsumerRecord<String, byte[]> entered = membership.await(
                    r -> r.key().equals(oneId)
                            && parse(r).getSegmentId().equals(segmentId)
                            && parse(r).getTransition() == Transition.ENTER,
                    WAIT);
            assertTrue(parse(entered).getTagsOrThrow("vip").getFlag());
        }
    }

    @Test
    void aCampaignToolsExportHasEveryMemberOnceWithSha256OfTheirNormalisedEmailAndPhone() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String segmentId = segment("e2e export " + runId, "vip = TRUE");
        String writeKey = source("e2e export " + runId, "crm");
        CustomerGenerator generator = new CustomerGenerator(System.nanoTime());
        List<Person> people = generator.persons(3);
        Main.Sent sent = Main.send(generator, 3, Instant.now(), Platform.url("identity-service"), writeKey, 50);
        sent(people);
        assertEquals(0, sent.rejected);
        Map<String, Person> byOneId = new HashMap<>();
        StringBuilder csv = new StringBuilder("email,value\n");
        for (Person person : people) {
            byOneId.put(oneIdOf(person), person);
            // Written as a CRM would, in capitals with spaces: the export hashes the normalised value.
            csv.append(' ').append(person.email().toUpperCase(Locale.ROOT)).append(" ,true\n");
        }
        HttpResponse<String> upload = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url("tag-service") + "/v1/catalogue/tags/vip/values"))
                        .header("Content-Type", "text/csv")
                        .header("Authorization", OPERATOR)
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode(), upload.body());
        String exportPath = "/v1/segments/" + segmentId + "/export?format=csv&identifiers=email,phone&hash=sha256";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!exportRows(exportPath).keySet().containsAll(byOneId.keySet())) {
            assertTrue(System.nanoTime() < deadline, "the uploaded people never all entered the segment");
            Thread.sleep(200);
        }
        JsonNode snapshot =
                post("segment-service", "/v1/segments/" + segmentId + "/snapshots", JSON.createObjectNode());

        Map<String, String[]> rows =
                exportRows(exportPath + "&version=" + snapshot.get("version").asInt());
        HttpResponse<String> segment = send("GET", "segment-service", "/v1/segments/" + segmentId);

        assertEquals(snapshot.get("size").asLong(), rows.size(), "one row per member of the snapshot");
        assertEquals(
                JSON.readTree(segment.body()).get("size").asLong(),
                rows.size(),
                "the export agrees with the segment's count");
        for (Map.Entry<String, Person> member : byOneId.entrySet()) {
            String[] row = rows.get(member.getKey());
            String email = member.getValue().email().strip().toLowerCase(Locale.ROOT);
            assertTrue(
                    List.of(row[3].split(";")).contains(sha256(email)), "the email's hash: " + String.join(",", row));
            assertTrue(
                    List.of(row[4].split(";")).contains(sha256(member.getValue().phone())),
                    "the E.164 phone's hash: " + String.join(",", row));
        }
    }

    /** The CSV export's rows (one_id, ordinal, entered_at, email, phone) by OneID, asserting each OneID comes once. */
    private static Map<String, String[]> exportRows(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url("segment-service") + path))
                        .header("Authorization", APP)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = response.body().lines().toList();
        assertEquals("one_id,ordinal,entered_at,email,phone", lines.get(0));
        Map<String, String[]> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(null, rows.put(fields[0], fields), "a member comes once: " + fields[0]);
        }
        return rows;
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPersonSeenOnTwoChannelsIsExportedThenErasedFromEveryServiceWithACompleteReceipt() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e privacy " + runId, "web");
        String segmentId = segment("e2e privacy buyers " + runId, "order_count_30d >= 1");
        String email = "privacy-" + runId + "@example.com";
        ObjectNode web = JSON.createObjectNode().put("userId", "privacy-" + runId);
        web.putObject("traits").put("email", email).put("name", "Ada");
        web.putObject("context")
                .put("channel", "web")
                .putObject("consent")
                .putObject("marketing")
                .put("email", true);
        String oneId = track("identify", writeKey, web).get("oneId").asText();
        ObjectNode app =
                JSON.createObjectNode().put("anonymousId", "app-" + runId).put("event", "Order Completed");
        app.putObject("properties").put("revenue", 49.9);
        app.putObject("context").put("channel", "app").putObject("traits").put("email", email);
        assertEquals(
                oneId, track("track", writeKey, app).get("oneId").asText(), "the app user shares the web user's email");

        JsonNode export = awaitExport(oneId, segmentId);
        assertEquals(oneId, export.at("/profile/oneId").asText());
        assertEquals(
                3, export.at("/profile/identifiers").size(), "user_id, email and the app's anonymous_id: " + export);
        assertEquals("GRANTED", export.at("/profile/consents/0/status").asText());
        assertEquals(1, export.at("/tags/order_count_30d/number").asInt());
        List<String> taggedWith = new ArrayList<>();
        export.get("tags").fieldNames().forEachRemaining(taggedWith::add);

        HttpResponse<String> erased = send("POST", "identity-service", "/v1/profiles/" + oneId + "/erasure");
        assertEquals(202, erased.statusCode(), erased.body());
        String requestId = JSON.readTree(erased.body()).get("requestId").asText();

        JsonNode receipt = awaitReceipt(requestId);
        assertEquals(
                Set.of("identity-service", "tag-service", "segment-service", "activation-service"),
                fieldNames(receipt.get("services")));
        assertEquals(Set.of("redis", "tag_change", "tag_event"), fieldNames(receipt.at("/services/tag-service")));
        assertEquals(
                404, send("GET", "identity-service", "/v1/profiles/" + oneId).statusCode());
        assertEquals(
                404,
                send("GET", "identity-service", "/v1/profiles?type=email&value=" + email)
                        .statusCode());
        ManagedChannel channel = tagChannel();
        try {
            TagServiceGrpc.TagServiceBlockingStub tags =
                    TagServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertEquals(
                    0,
                    tags.getTags(GetTagsRequest.newBuilder().setOneId(oneId).build())
                            .getTagsCount(),
                    "no tag is left");
            for (String tag : taggedWith) {
                assertEquals(
                        0,
                        tags.tagHistory(TagHistoryRequest.newBuilder()
                                        .setOneId(oneId)
                                        .setTag(tag)
                                        .build())
                                .getChangesCount(),
                        "no history of " + tag + " is left");
            }
        } finally {
            channel.shutdownNow();
        }
        for (JsonNode member : get("segment-service", "/v1/segments/" + segmentId + "/members?limit=1000")) {
            assertTrue(!member.get("oneId").asText().equals(oneId), "the segment no longer lists " + oneId);
        }
        HttpResponse<String> again = send("POST", "identity-service", "/v1/profiles/" + oneId + "/erasure");
        assertEquals(200, again.statusCode(), "an erased person's erasure answers with its receipt: " + again.body());
        assertEquals(requestId, JSON.readTree(again.body()).get("requestId").asText());
    }

    @Test
    void anErasedPersonLeavesNothingInAnyDatabaseOrRedisButTheReceipt() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e erasure " + runId, "web");
        String segmentId = segment("e2e erasure buyers " + runId, "order_count_30d >= 1");
        String campaignId = webhookCampaign("e2e erasure thanks " + runId, segmentId, "Thanks, {{one_id}}");
        String userId = "gone-" + runId;
        String email = "gone-" + runId + "@example.com";
        String mobile = "139" + String.format("%08d", Math.floorMod(runId.hashCode(), 100_000_000));
        String appId = "gone-app-" + runId;
        String firstName = "Adelheid-" + runId;
        String laterName = "Adelheide-" + runId;
        String till = "till-" + runId + "@store.example";
        SENT_CONTACTS.addAll(List.of(email, mobile, till));

        // The web: a user id, an email, a name and a consent.
        ObjectNode web = JSON.createObjectNode().put("userId", userId);
        web.putObject("traits").put("email", email).put("name", firstName);
        web.putObject("context")
                .put("channel", "web")
                .putObject("consent")
                .putObject("marketing")
                .put("email", true);
        String oneId = track("identify", writeKey, web).get("oneId").asText();
        // The app: a profile of its own, by phone, until a POS purchase names email and phone together (a merge).
        ObjectNode app = JSON.createObjectNode().put("anonymousId", appId).put("event", "Product Viewed");
        app.putObject("context").put("channel", "app").putObject("traits").put("phone", "+86 " + mobile);
        String appOneId = track("track", writeKey, app).get("oneId").asText();
        ObjectNode pos = JSON.createObjectNode().put("userId", userId).put("event", "Order Completed");
        pos.putObject("properties").put("revenue", 59.0);
        pos.putObject("context")
                .put("channel", "pos")
                .putObject("traits")
                .put("phone", mobile)
                .put("email", email)
                .put("name", laterName);
        assertEquals(oneId, track("track", writeKey, pos).get("oneId").asText(), "the POS order joins web and app");
        // A shop till's email typed for them and for Bob joins the two; an admin takes it out again.
        ObjectNode typedForThem = JSON.createObjectNode().put("userId", userId);
        typedForThem.putObject("traits").put("email", till);
        track("identify", writeKey, typedForThem);
        ObjectNode typedForBob = JSON.createObjectNode().put("anonymousId", "bob-" + runId);
        typedForBob.putObject("traits").put("email", till);
        assertEquals(
                oneId,
                track("identify", writeKey, typedForBob).get("oneId").asText(),
                "the till's email joins Bob to them");
        ObjectNode takeOut = JSON.createObjectNode().put("reason", "the till's email");
        takeOut.putObject("identifier").put("type", "email").put("value", till);
        HttpResponse<String> split = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(Platform.url("identity-service") + "/v1/profiles/" + oneId + "/unmerge"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", OPERATOR)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(takeOut)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, split.statusCode(), split.body());
        // Other tests' campaigns target buyers too: wait for this one's message.
        JsonNode message = JSON.readTree(
                webhook.await(call -> call.body().contains(oneId) && call.body().contains(campaignId), WAIT)
                        .body());
        assertEquals(oneId, message.get("oneId").asText());
        awaitExport(oneId, segmentId);
        // At rest, identity-service keeps identifiers as keyed hashes and personal values sealed.
        assertEquals(
                List.of(),
                Leftovers.inDatabases(
                        List.of("cdp_identity"),
                        List.of(userId, email, mobile, appId, firstName, laterName, till),
                        Set.of(),
                        env("CDP_PG_HOST", "127.0.0.1"),
                        env("CDP_PG_PORT", "5432"),
                        env("CDP_PG_USER", "cdp"),
                        env("CDP_PG_PASSWORD", "cdp")),
                "personal data identity-service stores in the clear");

        HttpResponse<String> erased = send("POST", "identity-service", "/v1/profiles/" + oneId + "/erasure");
        assertEquals(202, erased.statusCode(), erased.body());
        JsonNode receipt =
                awaitReceipt(JSON.readTree(erased.body()).get("requestId").asText());
        List<String> absorbed = new ArrayList<>();
        receipt.get("absorbedOneIds").forEach(id -> absorbed.add(id.asText()));
        assertTrue(absorbed.contains(appOneId), "the app's profile was merged in: " + receipt);

        List<String> person = new ArrayList<>(List.of(userId, email, mobile, appId, firstName, laterName, oneId));
        person.addAll(absorbed);
        // The receipt keeps the OneIDs, nothing else, as the proof of erasure; tag-service's mark of
        // the erasure (OneID and time) keeps late changes out until cdp.tags.changed's retention.
        Set<String> receiptTables =
                Set.of("cdp_identity.erasure_request", "cdp_identity.erased_store", "cdp_tag.tag_erasure");
        List<String> leftovers = new ArrayList<>(Leftovers.inDatabases(
                person,
                receiptTables,
                env("CDP_PG_HOST", "127.0.0.1"),
                env("CDP_PG_PORT", "5432"),
                env("CDP_PG_USER", "cdp"),
                env("CDP_PG_PASSWORD", "cdp")));
        leftovers.addAll(Leftovers.inRedis(person, "127.0.0.1", Integer.parseInt(env("CDP_REDIS_PORT", "6379"))));
        assertEquals(List.of(), leftovers, "what of the erased person is left");
    }

    @Test
    void inTheProdProfileAServiceRefusesToStartWithADevelopmentSecret() throws Exception {
        Path jar = Path.of(System.getProperty("cdp.root", ".."))
                .resolve("identity-service/target/quarkus-app/quarkus-run.jar");
        Path output = Files.createTempFile("identity-prod", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx128m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // The demo write key and the default suppression key are left as they are: development secrets.
        builder.environment().put("CDP_HTTP_PORT", "0");
        builder.environment().put("CDP_LOG_JSON", "false");
        builder.environment().put("CDP_AUTH_SIGNING_KEY", TestTokens.signingKeyPem());
        builder.environment().put("CDP_OIDC_PUBLIC_KEY", TestTokens.publicKey());
        builder.environment().put("CDP_SERVICE_PUBLIC_KEY", TestTokens.publicKey());
        Process service = builder.start();
        boolean stopped = service.waitFor(60, TimeUnit.SECONDS);
        service.destroyForcibly();
        String log = Files.readString(output);
        assertTrue(stopped, "the service stops by itself: " + log);
        assertTrue(service.exitValue() != 0, log);
        for (String named : List.of(
                "cdp.identity.suppression-key",
                "cdp.identity.demo-write-key",
                "cdp.auth.signing-key",
                "quarkus.oidc.public-key",
                "quarkus.oidc.internal.public-key")) {
            assertTrue(log.contains(named), "the refusal names " + named + ": " + log);
        }
    }

    @Test
    void aWrongMergeIsTakenApartAndEachPersonGetsBackTheirOwnTags() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e till " + runId, "pos");
        String till = "till-" + runId + "@store.example";
        for (String person : List.of("ann", "bob")) {
            ObjectNode identify = JSON.createObjectNode().put("anonymousId", person + "-" + runId);
            identify.putObject("traits").put("email", till).put("name", person);
            track("identify", writeKey, identify);
            ObjectNode order = JSON.createObjectNode()
                    .put("anonymousId", person + "-" + runId)
                    .put("event", "Order Completed");
            order.putObject("properties").put("revenue", person.equals("ann") ? 10 : 20);
            track("track", writeKey, order);
        }
        JsonNode joined = JSON.readTree(send("GET", "identity-service", "/v1/profiles?type=email&value=" + till)
                .body());
        String oneId = joined.get("oneId").asText();
        awaitTag(oneId, "order_count_total", 2);

        ObjectNode unmerge = JSON.createObjectNode().put("reason", "the till's email, typed for customers");
        unmerge.putObject("identifier").put("type", "email").put("value", till);
        HttpResponse<String> split = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(Platform.url("identity-service") + "/v1/profiles/" + oneId + "/unmerge"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", OPERATOR)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(unmerge)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, split.statusCode(), split.body());
        String bob = JSON.readTree(send("GET", "identity-service", "/v1/profiles?type=anonymous_id&value=bob-" + runId)
                        .body())
                .get("oneId")
                .asText();
        assertTrue(!bob.equals(oneId), "Bob is a profile of his own again");

        assertEquals(
                10,
                awaitTag(oneId, "order_count_total", 1)
                        .getTagsOrThrow("total_spend")
                        .getNumber(),
                1e-9,
                "Ann keeps the OneID and only her order");
        assertEquals(
                20,
                awaitTag(bob, "order_count_total", 1)
                        .getTagsOrThrow("total_spend")
                        .getNumber(),
                1e-9,
                "Bob's order went with his identifiers");
    }

    @Test
    void aSegmentAsOfTheDayABuyerWasInItListsExactlyWhoWasInItThenAndAsOfNowWhoIsInItNow() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e as of " + runId, "web");
        // A spend no other test's buyer has: only this run's buyer can be in the segment.
        int spend = 10_000 + Math.floorMod(runId.hashCode(), 80_000);
        try (TestKafka.Watch membership = TestKafka.watch("cdp.segments.membership")) {
            String segmentId = post(
                            "segment-service",
                            "/v1/segments",
                            JSON.createObjectNode()
                                    .put("name", "e2e spent exactly " + runId)
                                    .put("rule", "total_spend = " + spend))
                    .get("id")
                    .asText();
            ObjectNode order =
                    JSON.createObjectNode().put("userId", "as-of-" + runId).put("event", "Order Completed");
            order.putObject("properties").put("revenue", spend);
            String oneId = track("track", writeKey, order).get("oneId").asText();
            membership.await(transition(oneId, segmentId, Transition.ENTER), WAIT);
            Instant memberThen = Instant.now();
            Thread.sleep(50);

            ObjectNode another = order.deepCopy();
            another.put("messageId", UUID.randomUUID().toString());
            ((ObjectNode) another.get("properties")).put("revenue", 1);
            track("track", writeKey, another);
            membership.await(transition(oneId, segmentId, Transition.EXIT), WAIT);

            Set<String> recordedThen = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record :
                    membership.collectFor(r -> parse(r).getSegmentId().equals(segmentId), Duration.ofSeconds(1))) {
                MembershipChanged change = parse(record);
                if (!ProtoTime.instant(change.getAt()).isAfter(memberThen)) {
                    if (change.getTransition() == Transition.ENTER) {
                        recordedThen.add(change.getOneId());
                    } else {
                        recordedThen.remove(change.getOneId());
                    }
                }
            }
            assertEquals(Set.of(oneId), recordedThen, "cdp.segments.membership: the buyer was in it then");

            // The history records the second order a moment after segment-service saw it.
            JsonNode now = awaitAsOf(
                    segmentId, Instant.now(), asOf -> asOf.get("count").asInt() == 0);
            assertEquals(0, now.get("members").size(), "as of now, nobody: the buyer spent more since");
            assertEquals(List.of(), get("segment-service", "/v1/segments/" + segmentId + "/members?limit=1000"));

            JsonNode then = asOf(segmentId, memberThen);
            assertEquals(1, then.get("count").asInt(), then.toString());
            assertEquals(1, then.get("version").asInt(), then.toString());
            Set<String> listedThen = new HashSet<>();
            then.get("members")
                    .forEach(member -> listedThen.add(member.get("oneId").asText()));
            assertEquals(recordedThen, listedThen, "as of that moment, exactly the membership recorded then");
        }
    }

    @Test
    void behaviourAndSequenceSegmentsAgreeWithARecomputationFromTheRawEvents() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e behaviour " + runId, "app");
        // Event names of this run alone: nobody else's events count.
        String viewed = "Viewed " + runId;
        String ordered = "Ordered " + runId;
        String carted = "Carted " + runId;
        java.util.Random random = new java.util.Random(runId.hashCode());
        Instant now = Instant.now();
        Map<String, SentEvents> people = new java.util.LinkedHashMap<>();
        List<ObjectNode> early = new ArrayList<>();
        List<ObjectNode> late = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String userId = "bhv-" + runId + "-" + i;
            SentEvents log = new SentEvents();
            people.put(userId, log);
            List<ObjectNode> events = new ArrayList<>();
            events.add(event(log, userId, "Signed Up " + runId, now.minus(Duration.ofDays(50)), Map.of()));
            for (int n = random.nextInt(7); n > 0; n--) {
                String category = random.nextInt(10) < 7 ? "skincare" : "shoes";
                Instant at = now.minus(Duration.ofMinutes(random.nextInt(12 * 24 * 60)));
                events.add(event(log, userId, viewed, at, Map.of("category", category)));
            }
            for (int n = random.nextInt(4); n > 0; n--) {
                Instant at = now.minus(Duration.ofMinutes(random.nextInt(40 * 24 * 60)));
                events.add(event(log, userId, ordered, at, Map.of("revenue", 10 + random.nextInt(71))));
            }
            for (int n = random.nextInt(3); n > 0; n--) {
                // Well before or well within the two hours: no cart sits on the edge while the test reads.
                Instant at = random.nextBoolean()
                        ? now.minus(Duration.ofMinutes(180 + random.nextInt(40 * 60)))
                        : now.minus(Duration.ofMinutes(5 + random.nextInt(50)));
                events.add(event(log, userId, carted, at, Map.of("sku", "s" + n)));
                if (random.nextInt(3) == 0 && at.isBefore(now.minus(Duration.ofHours(3)))) {
                    events.add(event(log, userId, ordered, at.plus(Duration.ofMinutes(30)), Map.of("revenue", 25)));
                }
            }
            for (int e = 0; e < events.size(); e++) {
                (e % 2 == 0 ? early : late).add(events.get(e));
            }
        }
        Map<String, String> oneIds = new HashMap<>();
        for (ObjectNode event : early) {
            oneIds.put(
                    event.get("userId").asText(),
                    track("track", writeKey, event).get("oneId").asText());
        }

        // Defined after half the events: those are backfilled from tag-service's event log, the rest arrive live.
        Map<String, String> segments = new java.util.LinkedHashMap<>();
        segments.put(
                "viewers",
                segment(
                        "e2e skincare viewers " + runId,
                        "DID \"" + viewed + "\" WHERE properties.category = 'skincare' AT LEAST 3 TIMES IN 7 DAYS"));
        segments.put("lapsed", segment("e2e no orders " + runId, "DID NOT \"" + ordered + "\" IN 30 DAYS"));
        segments.put(
                "spenders",
                segment(
                        "e2e spenders " + runId,
                        "DID \"" + ordered + "\" WITH SUM(properties.revenue) >= 100 IN 30 DAYS"));
        segments.put(
                "abandoned",
                segment(
                        "e2e abandoned carts " + runId,
                        "DID \"" + carted + "\" THEN NOT \"" + ordered + "\" WITHIN 2 HOURS"));
        for (ObjectNode event : late) {
            track("track", writeKey, event);
        }

        Map<String, Boolean> expected = new java.util.TreeMap<>();
        people.forEach((userId, log) -> {
            expected.put(
                    userId + " viewers",
                    log.count(viewed, e -> "skincare".equals(e.properties().get("category")), 7, now) >= 3);
            expected.put(userId + " lapsed", log.count(ordered, e -> true, 30, now) == 0);
            expected.put(userId + " spenders", log.sum(ordered, "revenue", 30, now) >= 100);
            expected.put(userId + " abandoned", log.thenNot(carted, ordered, Duration.ofHours(2), now));
        });
        assertTrue(
                expected.values().stream().filter(member -> member).count() >= 8, "the run has members: " + expected);
        Map<String, Boolean> decided = new java.util.TreeMap<>();
        Map<String, Boolean> explained = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            for (Map.Entry<String, SentEvents> person : people.entrySet()) {
                for (Map.Entry<String, String> segment : segments.entrySet()) {
                    HttpResponse<String> explain = send(
                            "GET",
                            "segment-service",
                            "/v1/segments/" + segment.getValue() + "/explain/" + oneIds.get(person.getKey()));
                    boolean seen = explain.statusCode() == 200;
                    JsonNode body = seen ? JSON.readTree(explain.body()) : null;
                    decided.put(
                            person.getKey() + " " + segment.getKey(),
                            seen && body.get("member").asBoolean());
                    explained.put(
                            person.getKey() + " " + segment.getKey(),
                            seen && body.at("/explanation/result").asBoolean());
                }
            }
        } while (!decided.equals(expected) && System.nanoTime() < deadline && sleep(500));
        assertEquals(expected, decided, "each person's membership as recomputed from the events they sent");
        assertEquals(decided, explained, "explain agrees with the membership");
    }

    /**
     * The CDNOW sample's 6,919 purchases ingested as "Order Completed" through identity-service
     * and logged by tag-service; segment-service's lifetime-value run fitted on them reproduces the
     * published BG/NBD and Gamma-Gamma estimates, and writes each customer's tags.
     */
    @Test
    void lifetimeValueFittedOnTheCdnowSampleIngestedAsOrdersReproducesThePublishedEstimates() throws Exception {
        Path sample = CdnowData.folder().resolve("CDNOW_sample.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isRegularFile(sample), "no CDNOW data at " + sample.toAbsolutePath() + ": skipped");
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String writeKey = source("e2e cdnow " + runId, "web");
        List<Purchase> purchases = CdnowData.read(sample);
        List<ObjectNode> events = new ArrayList<>();
        for (Purchase purchase : purchases) {
            ObjectNode event = JSON.createObjectNode()
                    .put("type", "track")
                    .put("userId", "cdnow-" + runId + "-" + purchase.customerId())
                    .put("event", "Order Completed")
                    .put("messageId", UUID.randomUUID().toString())
                    .put(
                            "timestamp",
                            purchase.date()
                                    .atTime(12, 0)
                                    .toInstant(java.time.ZoneOffset.UTC)
                                    .toString());
            event.putObject("properties").put("revenue", purchase.amount()).put("run", runId);
            events.add(event);
        }
        for (int from = 0; from < events.size(); from += 100) {
            ObjectNode batch = JSON.createObjectNode();
            batch.putArray("batch").addAll(events.subList(from, Math.min(events.size(), from + 100)));
            track("batch", writeKey, batch);
        }
        long calibrated = purchases.stream()
                .filter(purchase -> !purchase.date().isAfter(CdnowData.CALIBRATION_END))
                .count();
        ManagedChannel channel = tagChannel();
        try {
            TagServiceGrpc.TagServiceBlockingStub tags = TagServiceGrpc.newBlockingStub(channel);
            long deadline = System.nanoTime() + WAIT.multipliedBy(3).toNanos();
            long logged = 0;
            while (logged < calibrated && System.nanoTime() < deadline) {
                Thread.sleep(500);
                java.util.Iterator<ScannedEvent> scanned = tags.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .scanEvents(ScanEventsRequest.newBuilder()
                                .addEvents("Order Completed")
                                .setTo(ProtoTime.timestamp(CdnowData.CALIBRATION_END
                                        .plusDays(1)
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()))
                                .build());
                logged = 0;
                while (scanned.hasNext()) {
                    if (scanned.next()
                            .getEvent()
                            .getProperties()
                            .getFieldsOrDefault("run", com.google.protobuf.Value.getDefaultInstance())
                            .getStringValue()
                            .equals(runId)) {
                        logged++;
                    }
                }
            }
            assertEquals(calibrated, logged, "every order of the calibration period reached tag-service's event log");
        } finally {
            channel.shutdownNow();
        }

        HttpResponse<String> started = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                Platform.url("segment-service") + "/v1/models/ltv/runs?calibrationEnd=1997-09-30"))
                        .header("Authorization", OPERATOR)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        String run = JSON.readTree(started.body()).get("id").asText();
        JsonNode done = null;
        long deadline = System.nanoTime() + WAIT.multipliedBy(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> read = send("GET", "segment-service", "/v1/models/runs/" + run);
            assertEquals(200, read.statusCode(), read.body());
            done = JSON.readTree(read.body());
            if (!done.get("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals("DONE", done.get("status").asText(), done.toString());
        JsonNode metrics = done.get("metrics");
        assertEquals(
                2357,
                metrics.get("customers").asInt(),
                "every customer of the sample, and nobody else's orders of 1997");
        assertEquals(946, metrics.get("repeatCustomers").asInt());
        assertEquals(0.243, metrics.at("/bgnbd/r").asDouble(), 0.0005);
        assertEquals(4.414, metrics.at("/bgnbd/alpha").asDouble(), 0.0005);
        assertEquals(0.793, metrics.at("/bgnbd/a").asDouble(), 0.0005);
        assertEquals(2.426, metrics.at("/bgnbd/b").asDouble(), 0.0005);
        assertEquals(-9582.4, metrics.at("/bgnbd/logLikelihood").asDouble(), 0.05);
        assertEquals(6.25, metrics.at("/gammaGamma/p").asDouble(), 0.005);
        assertEquals(3.74, metrics.at("/gammaGamma/q").asDouble(), 0.005);
        assertEquals(15.44, metrics.at("/gammaGamma/v").asDouble(), 0.005);
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** A track event of {@code userId}, recorded in {@code log} as sent. */
    private static ObjectNode event(
            SentEvents log, String userId, String name, Instant at, Map<String, Object> properties) {
        ObjectNode event = JSON.createObjectNode()
                .put("userId", userId)
                .put("event", name)
                .put("messageId", UUID.randomUUID().toString())
                .put("timestamp", at.toString());
        event.set("properties", JSON.valueToTree(properties));
        log.add(name, at, properties);
        return event;
    }

    private static Predicate<ConsumerRecord<String, byte[]>> transition(
            String oneId, String segmentId, Transition transition) {
        return r -> r.key().equals(oneId)
                && parse(r).getSegmentId().equals(segmentId)
                && parse(r).getTransition() == transition;
    }

    private static JsonNode asOf(String segmentId, Instant at) throws Exception {
        HttpResponse<String> response = send(
                "GET",
                "segment-service",
                "/v1/segments/" + segmentId + "/members/as-of?limit=1000&at="
                        + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitAsOf(String segmentId, Instant at, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode read;
        do {
            read = asOf(segmentId, at);
            if (done.test(read)) {
                return read;
            }
            Thread.sleep(200);
            at = Instant.now();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the segment as of now never came to the expected members; last " + read);
    }

    private static ManagedChannel tagChannel() {
        Metadata credentials = new Metadata();
        credentials.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), APP);
        return ManagedChannelBuilder.forAddress("127.0.0.1", Platform.TAG_GRPC_PORT)
                .usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(credentials))
                .build();
    }

    /** Polls GetTags until {@code tag} is {@code value}. */
    private static ProfileTags awaitTag(String oneId, String tag, double value) throws InterruptedException {
        ManagedChannel channel = tagChannel();
        try {
            TagServiceGrpc.TagServiceBlockingStub tags = TagServiceGrpc.newBlockingStub(channel);
            long deadline = System.nanoTime() + WAIT.toNanos();
            ProfileTags read;
            do {
                read = tags.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getTags(GetTagsRequest.newBuilder().setOneId(oneId).build());
                if (read.containsTags(tag) && read.getTagsOrThrow(tag).getNumber() == value) {
                    return read;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
            throw new AssertionError(tag + " of " + oneId + " never became " + value + ": " + read.getTagsMap());
        } finally {
            channel.shutdownNow();
        }
    }

    /** The export once the person's tags, their history and the segment membership have all arrived. */
    private static JsonNode awaitExport(String oneId, String segmentId) throws Exception {
        return awaitJson(
                "the export of " + oneId + " with its tags, history and membership",
                "/v1/profiles/" + oneId + "/export",
                export -> {
                    boolean member = false;
                    for (JsonNode membership : export.get("memberships")) {
                        member |= membership.get("segmentId").asText().equals(segmentId);
                    }
                    return member && export.at("/tags/order_count_30d/number").asInt() == 1 && historyCaughtUp(export);
                });
    }

    /** Every tag's history ends at its current value, so no change of this person is still on its way to the history. */
    private static boolean historyCaughtUp(JsonNode export) {
        if (export.get("tagHistory").size() != export.get("tags").size()) {
            return false;
        }
        for (JsonNode history : export.get("tagHistory")) {
            JsonNode changes = history.get("changes");
            if (changes.isEmpty()
                    || !changes.get(changes.size() - 1)
                            .get("newValue")
                            .equals(export.get("tags").get(history.get("tag").asText()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode awaitReceipt(String requestId) throws Exception {
        return awaitJson(
                "a complete erasure receipt",
                "/v1/erasures/" + requestId,
                receipt -> receipt.get("complete").asBoolean());
    }

    /** Reads identity-service's {@code path} (answering 200) until {@code done}; fails with the last answer. */
    private static JsonNode awaitJson(String what, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode read = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", "identity-service", path);
            assertEquals(200, response.statusCode(), response.body());
            read = JSON.readTree(response.body());
            if (done.test(read)) {
                return read;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " never came; last read " + read);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode track(String type, String writeKey, ObjectNode event) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url("identity-service") + "/v1/" + type))
                        .header("Content-Type", "application/json")
                        .header("X-Write-Key", writeKey)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), type + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String service, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url(service) + path))
                        .header("Authorization", OPERATOR)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts all the buyer's identifiers find one live profile, and returns its OneID. */
    private static String oneIdOf(Person buyer) throws Exception {
        List<String[]> identifiers =
                new ArrayList<>(List.of(new String[] {"email", buyer.email()}, new String[] {"phone", buyer.phone()}));
        buyer.visits().forEach(v -> identifiers.add(new String[] {"anonymous_id", v.anonymousId()}));
        if (buyer.userId() != null) {
            identifiers.add(new String[] {"user_id", buyer.userId()});
        }
        Set<String> oneIds = new HashSet<>();
        for (String[] identifier : identifiers) {
            HttpResponse<String> found = send(
                    "GET",
                    "identity-service",
                    "/v1/profiles?type=" + identifier[0] + "&value="
                            + URLEncoder.encode(identifier[1], StandardCharsets.UTF_8));
            assertEquals(200, found.statusCode(), "the buyer's " + identifier[0] + " finds a profile: " + found.body());
            JsonNode profile = JSON.readTree(found.body());
            assertTrue(profile.get("ordinal").asInt() > 0);
            oneIds.add(profile.get("oneId").asText());
        }
        assertEquals(1, oneIds.size(), "the buyer's channels resolve to one profile: " + oneIds);
        return oneIds.iterator().next();
    }

    private static JsonNode awaitDelivery(String campaignId, String oneId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode delivery : get("activation-service", "/v1/campaigns/" + campaignId + "/deliveries")) {
                if (delivery.get("oneId").asText().equals(oneId)
                        && !delivery.get("status").asText().equals("PENDING")) {
                    return delivery;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished delivery of campaign " + campaignId + " to " + oneId);
    }

    private static int ordersInWindow(CustomerGenerator generator, Person person, Instant end) {
        return (int) generator.events(person, end).stream()
                .filter(e -> e.path("event").asText().equals("Order Completed") && inWindow(e, end))
                .count();
    }

    private static int eventsBeforeWindow(CustomerGenerator generator, Person person, Instant end) {
        return (int) generator.events(person, end).stream()
                .filter(e -> !inWindow(e, end))
                .count();
    }

    /** tag-service's 30-day window: today and the 29 UTC days before it. */
    private static boolean inWindow(ObjectNode event, Instant end) {
        long day = Instant.parse(event.get("timestamp").asText()).toEpochMilli() / TimeUnit.DAYS.toMillis(1);
        return day >= Instant.now().toEpochMilli() / TimeUnit.DAYS.toMillis(1) - 29;
    }

    private static MembershipChanged parse(ConsumerRecord<String, byte[]> record) {
        try {
            return MembershipChanged.parseFrom(record.value());
        } catch (Exception e) {
            throw new AssertionError("not a MembershipChanged", e);
        }
    }

    /** A campaign sending {@code message} to the segment's entrants through a webhook destination to the test's receiver. */
    private static String webhookCampaign(String name, String segmentId, String message) throws Exception {
        String destinationId = post(
                        "activation-service",
                        "/v1/destinations",
                        JSON.createObjectNode()
                                .put("name", name + " webhook")
                                .put("type", "WEBHOOK")
                                .put("url", webhook.url()))
                .get("id")
                .asText();
        return post(
                        "activation-service",
                        "/v1/campaigns",
                        JSON.createObjectNode()
                                .put("name", name)
                                .put("segmentId", segmentId)
                                .put("destinationId", destinationId)
                                .put("message", message))
                .get("id")
                .asText();
    }

    /** Defines a segment on segment-service; its id. */
    private static String segment(String name, String rule) throws Exception {
        return post(
                        "segment-service",
                        "/v1/segments",
                        JSON.createObjectNode().put("name", name).put("rule", rule))
                .get("id")
                .asText();
    }

    /** Registers a source on identity-service; its write key. */
    private static String source(String name, String channel) throws Exception {
        return post(
                        "identity-service",
                        "/v1/sources",
                        JSON.createObjectNode().put("name", name).put("channel", channel))
                .get("writeKey")
                .asText();
    }

    private static JsonNode post(String service, String path, ObjectNode body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url(service) + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", OPERATOR)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), service + path + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> get(String service, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(Platform.url(service) + path))
                        .header("Authorization", OPERATOR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), service + path + " answered " + response.body());
        return List.of(JSON.readValue(response.body(), JsonNode[].class));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
