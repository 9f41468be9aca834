package dev.cdp.segment.export;

import static dev.cdp.segment.export.IdentityPeer.id;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.CreateSegmentRequest;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.Member;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.SegmentSnapshot;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import dev.cdp.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports of segment members for campaign tools, over REST and gRPC, against the real PostgreSQL
 * and Kafka; identifiers come from {@link IdentityPeer}. Each test's rule requires a cohort tag
 * with a fresh value, so no other record can enter its segment.
 */
@QuarkusTest
class SegmentExportTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    private static final Map<String, String> TAGS_CHANGED_SCHEMA = Map.of("cdp-schema", "cdp.v1.TagsChanged");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @Inject
    Pool pool;

    @Inject
    ScheduledExports scheduled;

    /** A segment on a fresh cohort and five members, each with an email and a phone. */
    private record Cohort(String value, Segment segment, List<String> members) {}

    @Test
    void anExportStreamsEveryMemberWithItsIdentifiersAndAgreesWithTheCount() {
        Cohort cohort = cohortOf(5);

        Response ndjson = export(cohort, "format=ndjson&identifiers=email,phone");
        Response csvResponse = export(cohort, "format=csv&identifiers=email,phone");
        List<JsonPath> rows = ndjson(ndjson);
        String csv = csvResponse.asString();

        assertEquals(size(cohort), rows.size());
        assertEquals(new TreeSet<>(cohort.members()), oneIds(rows));
        for (JsonPath row : rows) {
            String oneId = row.getString("oneId");
            assertEquals(List.of(email(oneId)), row.getList("identifiers.email"));
            assertEquals(List.of(phone(oneId)), row.getList("identifiers.phone"));
        }
        assertTrue(ndjson.contentType().startsWith("application/x-ndjson"), ndjson.contentType());
        assertTrue(csvResponse.contentType().startsWith("text/csv"), csvResponse.contentType());
        List<String> lines = csv.lines().toList();
        assertEquals("one_id,ordinal,entered_at,email,phone", lines.get(0));
        assertEquals(size(cohort), lines.size() - 1);
        String first = new TreeSet<>(cohort.members()).first();
        assertTrue(lines.get(1).startsWith(first + ","), lines.get(1));
        assertTrue(lines.get(1).endsWith("," + email(first) + "," + phone(first)), lines.get(1));
    }

    @Test
    void hashedIdentifiersAreSha256HexOfTheNormalisedValuesForEveryRole() {
        Cohort cohort = cohortOf(3);

        for (String token : List.of(TestTokens.everyRole(), TestTokens.as(Roles.MARKETER))) {
            List<JsonPath> rows = ndjson(given().header("Authorization", "Bearer " + token)
                    .get("/v1/segments/" + cohort.segment().getId() + "/export?identifiers=email,phone&hash=sha256")
                    .then()
                    .statusCode(200)
                    .extract()
                    .response());
            assertEquals(3, rows.size());
            for (JsonPath row : rows) {
                String oneId = row.getString("oneId");
                assertEquals(List.of(sha256(email(oneId))), row.getList("identifiers.email"));
                assertEquals(List.of(sha256(phone(oneId))), row.getList("identifiers.phone"));
            }
        }
    }

    @Test
    void aRoleWithoutPiiRightsGetsIdentifiersInClearMasked() {
        Cohort cohort = cohortOf(1);
        String oneId = cohort.members().get(0);

        List<JsonPath> rows = ndjson(given().header("Authorization", "Bearer " + TestTokens.as(Roles.MARKETER))
                .get("/v1/segments/" + cohort.segment().getId() + "/export?identifiers=email,phone")
                .then()
                .statusCode(200)
                .extract()
                .response());

        assertEquals(List.of("a***@example.com"), rows.get(0).getList("identifiers.email"));
        assertEquals(
                List.of("+86 139****" + phone(oneId).substring(10)), rows.get(0).getList("identifiers.phone"));
    }

    @Test
    void cursorPagingReturnsEveryMemberExactlyOnce() {
        Cohort cohort = cohortOf(5);

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Response page = export(cohort, "format=csv&limit=2&cursor=" + cursor);
            List<String> lines = page.asString().lines().toList();
            assertEquals("one_id,ordinal,entered_at", lines.get(0));
            lines.stream().skip(1).map(line -> line.split(",")[0]).forEach(seen::add);
            cursor = page.header("Cdp-Next-Cursor");
            pages++;
        } while (cursor != null);

        assertEquals(new TreeSet<>(cohort.members()).stream().toList(), seen, "every member once, in OneID order");
        assertEquals(3, pages);
    }

    @Test
    void aSnapshotKeepsItsMembersAndTheChangesSinceAnEarlierOneAreExact() {
        Cohort cohort = cohortOf(3);
        String segmentId = cohort.segment().getId();
        assertEquals(1, snapshot(segmentId).getVersion());
        String leaver = cohort.members().get(0);
        String joiner = UUID.randomUUID().toString();
        IdentityPeer.hold(joiner, id("email", email(joiner)), id("phone", phone(joiner)));
        send(TestTags.changed(leaver, 1, TestTags.of("cohort", "elsewhere")));
        send(TestTags.changed(joiner, 7, TestTags.of("cohort", cohort.value())));
        await().atMost(TIMEOUT).until(() -> memberOneIds(segmentId).equals(expected(cohort, leaver, joiner)));
        SegmentSnapshot second = snapshot(segmentId);

        List<JsonPath> changes = ndjson(export(cohort, "version=2&since=1&identifiers=email"));
        List<JsonPath> first = ndjson(export(cohort, "version=1"));

        assertEquals(2, second.getVersion());
        assertEquals(3, second.getSize());
        Map<String, String> changed = new LinkedHashMap<>();
        changes.forEach(row -> changed.put(row.getString("oneId"), row.getString("change")));
        assertEquals(Map.of(joiner, "added", leaver, "removed"), changed);
        changes.forEach(row -> assertEquals(List.of(email(row.getString("oneId"))), row.getList("identifiers.email")));
        assertEquals(new TreeSet<>(cohort.members()), oneIds(first), "version 1 keeps the members it had");
        List<Member> overGrpc = segments.listMembers(ListMembersRequest.newBuilder()
                        .setSegmentId(segmentId)
                        .setVersion(2)
                        .setSinceVersion(1)
                        .addIdentifierTypes("email")
                        .setHash("sha256")
                        .build())
                .collect()
                .asList()
                .await()
                .atMost(TIMEOUT);
        Map<String, String> changedOverGrpc = new LinkedHashMap<>();
        overGrpc.forEach(member -> changedOverGrpc.put(member.getOneId(), member.getChange()));
        assertEquals(Map.of(joiner, "ADDED", leaver, "REMOVED"), changedOverGrpc);
        Member added = overGrpc.stream()
                .filter(member -> member.getOneId().equals(joiner))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(id("email", sha256(email(joiner)))), added.getIdentifiersList());
        assertEquals(2, added.getSnapshotVersion());
    }

    @Test
    void anExportOfASegmentBeingRebuiltAnswersWithItsLastSnapshotAndSaysSo() {
        Cohort cohort = cohortOf(2);
        String segmentId = cohort.segment().getId();
        snapshot(segmentId);
        String late = UUID.randomUUID().toString();
        send(TestTags.changed(late, 3, TestTags.of("cohort", cohort.value())));
        await().atMost(TIMEOUT).until(() -> memberOneIds(segmentId).contains(late));
        backfillState(segmentId, "RUNNING");
        try {
            Response rebuilding = export(cohort, "format=ndjson");
            List<Member> overGrpc = segments.listMembers(ListMembersRequest.newBuilder()
                            .setSegmentId(segmentId)
                            .addIdentifierTypes("email")
                            .build())
                    .collect()
                    .asList()
                    .await()
                    .atMost(TIMEOUT);

            assertEquals("1", rebuilding.header("Cdp-Snapshot-Version"));
            assertEquals("true", rebuilding.header("Cdp-Segment-Rebuilding"));
            assertEquals(new TreeSet<>(cohort.members()), oneIds(ndjson(rebuilding)), "the last complete version");
            assertEquals(2, overGrpc.size());
            assertTrue(overGrpc.stream().allMatch(m -> m.getRebuilding() && m.getSnapshotVersion() == 1));
            given().post("/v1/segments/" + segmentId + "/snapshots")
                    .then()
                    .statusCode(409)
                    .body("error", startsWith("segment \"" + segmentId + "\" is being rebuilt"));
        } finally {
            backfillState(segmentId, "DONE");
        }
        Response done = export(cohort, "format=ndjson");
        assertEquals("0", done.header("Cdp-Snapshot-Version"));
        assertEquals("false", done.header("Cdp-Segment-Rebuilding"));
        assertEquals(3, ndjson(done).size());
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        Cohort cohort = cohortOf(1);
        String path = "/v1/segments/" + cohort.segment().getId();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("format=xml", "format");
        refusals.put("identifiers=emial", "identifiers");
        refusals.put("identifiers=Email!", "identifiers");
        refusals.put("hash=md5", "hash");
        refusals.put("version=7", "version");
        refusals.put("version=two", "version");
        refusals.put("since=1", "since");
        refusals.put("limit=0", "limit");
        refusals.put("limit=10&cursor=not-a-cursor", "cursor");
        refusals.forEach((query, field) -> given().get(path + "/export?" + query)
                .then()
                .statusCode(400)
                .body("field", equalTo(field))
                .body("error", startsWith(field + ": ")));
        given().get(path + "/export?identifiers=emial")
                .then()
                .body("error", startsWith("identifiers: \"emial\" is not a known identifier type"));
        given().get(path + "/export?version=7")
                .then()
                .body(
                        "error",
                        startsWith("version: segment \"" + cohort.segment().getId() + "\" has no snapshot version 7"));
        given().get("/v1/segments/" + UUID.randomUUID() + "/export").then().statusCode(404);
        StatusRuntimeException overGrpc = assertThrows(
                StatusRuntimeException.class,
                () -> segments.listMembers(ListMembersRequest.newBuilder()
                                .setSegmentId(cohort.segment().getId())
                                .setHash("md5")
                                .build())
                        .collect()
                        .asList()
                        .await()
                        .atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, overGrpc.getStatus().getCode());
        assertTrue(
                overGrpc.getStatus().getDescription().startsWith("hash: "),
                overGrpc.getStatus().getDescription());
    }

    @Test
    void aScheduledExportReplacesItsFileWholeWithTheCurrentMembers() throws Exception {
        Cohort cohort = cohortOf(3);
        Path directory = Files.createTempDirectory("cdp-export");
        ExportFile file = new ExportFile(
                "campaign-tool",
                cohort.segment().getId(),
                ExportFormat.CSV,
                new ExportQuery(List.of("email"), Hashing.SHA256, 0, 0),
                directory);

        long first = scheduled.run(file).await().atMost(TIMEOUT);
        List<String> written = Files.readAllLines(directory.resolve("campaign-tool.csv"));
        send(TestTags.changed(cohort.members().get(0), 1, TestTags.of("cohort", "elsewhere")));
        await().atMost(TIMEOUT)
                .until(() -> memberOneIds(cohort.segment().getId()).size() == 2);
        long second = scheduled.run(file).await().atMost(TIMEOUT);

        assertEquals(3, first);
        assertEquals("one_id,ordinal,entered_at,email", written.get(0));
        assertEquals(4, written.size());
        for (String row : written.subList(1, written.size())) {
            String[] fields = row.split(",");
            assertEquals(sha256(email(fields[0])), fields[3]);
        }
        assertEquals(2, second);
        assertEquals(
                3, Files.readAllLines(directory.resolve("campaign-tool.csv")).size());
        try (var files = Files.list(directory)) {
            assertEquals(
                    List.of(directory.resolve("campaign-tool.csv")),
                    files.toList(),
                    "the partial file was renamed over the target");
        }
    }

    private Cohort cohortOf(int members) {
        String value = UUID.randomUUID().toString();
        Segment segment = segments.createSegment(CreateSegmentRequest.newBuilder()
                        .setName("export " + value)
                        .setRule("cohort = '" + value + "'")
                        .build())
                .await()
                .atMost(TIMEOUT);
        List<String> oneIds = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String oneId = UUID.randomUUID().toString();
            IdentityPeer.hold(oneId, id("email", email(oneId)), id("phone", phone(oneId)), id("user_id", "u-" + oneId));
            send(TestTags.changed(oneId, i + 1, TestTags.of("cohort", value)));
            oneIds.add(oneId);
        }
        await().atMost(TIMEOUT).until(() -> memberOneIds(segment.getId()).size() == members);
        return new Cohort(value, segment, List.copyOf(oneIds));
    }

    private Set<String> memberOneIds(String segmentId) {
        Set<String> oneIds = new TreeSet<>();
        segments.listMembers(
                        ListMembersRequest.newBuilder().setSegmentId(segmentId).build())
                .collect()
                .asList()
                .await()
                .atMost(TIMEOUT)
                .forEach(member -> oneIds.add(member.getOneId()));
        return oneIds;
    }

    private static Set<String> expected(Cohort cohort, String leaver, String joiner) {
        Set<String> members = new TreeSet<>(cohort.members());
        members.remove(leaver);
        members.add(joiner);
        return members;
    }

    private long size(Cohort cohort) {
        return segments.getSegment(GetSegmentRequest.newBuilder()
                        .setId(cohort.segment().getId())
                        .build())
                .await()
                .atMost(TIMEOUT)
                .getSize();
    }

    private SegmentSnapshot snapshot(String segmentId) {
        return segments.takeSnapshot(
                        GetSegmentRequest.newBuilder().setId(segmentId).build())
                .await()
                .atMost(TIMEOUT);
    }

    /** What a restart finds of a rebuild cut short; the test puts the segment back when done. */
    private void backfillState(String segmentId, String state) {
        pool.preparedQuery("update segment set backfill_state = $2 where id = $1")
                .execute(Tuple.of(segmentId, state))
                .await()
                .atMost(TIMEOUT);
    }

    private static Response export(Cohort cohort, String query) {
        return given().get("/v1/segments/" + cohort.segment().getId() + "/export?" + query)
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private static List<JsonPath> ndjson(Response response) {
        return response.asString().lines().map(JsonPath::new).toList();
    }

    private static Set<String> oneIds(List<JsonPath> rows) {
        Set<String> oneIds = new TreeSet<>();
        rows.forEach(row -> oneIds.add(row.getString("oneId")));
        return oneIds;
    }

    /** Stored as identity-service normalises: lower-case. */
    private static String email(String oneId) {
        return "ada." + oneId.substring(0, 8) + "@example.com";
    }

    /** E.164, a mainland China mobile number derived from the OneID. */
    private static String phone(String oneId) {
        return "+86139" + String.format("%08d", Math.floorMod(oneId.hashCode(), 100_000_000));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void send(TagsChanged change) {
        TestKafka.send("cdp.tags.changed", change.getOneId(), change.toByteArray(), TAGS_CHANGED_SCHEMA);
    }
}
