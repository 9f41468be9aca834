package dev.cdp.segment.membership;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.proto.v1.AbsorbedProfile;
import dev.cdp.proto.v1.ErasureConfirmed;
import dev.cdp.proto.v1.ExplainMembershipRequest;
import dev.cdp.proto.v1.ExplainedCondition;
import dev.cdp.proto.v1.GetSegmentRequest;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.ListMembershipsRequest;
import dev.cdp.proto.v1.ListSegmentsRequest;
import dev.cdp.proto.v1.Member;
import dev.cdp.proto.v1.MembershipChanged;
import dev.cdp.proto.v1.MembershipExplanation;
import dev.cdp.proto.v1.Segment;
import dev.cdp.proto.v1.SegmentMembership;
import dev.cdp.proto.v1.SegmentRuleVersion;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.proto.v1.Transition;
import dev.cdp.segment.TestCatalogue;
import dev.cdp.segment.TestMembership;
import dev.cdp.segment.TestTags;
import dev.cdp.testing.ManagementInterface;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership follows tag changes: records go in on cdp.tags.changed, transitions come out on
 * cdp.segments.membership, against the real Kafka and PostgreSQL. Each test's rule requires a
 * cohort tag with a fresh value, so no other record can enter its segment.
 */
@QuarkusTest
class MembershipOnTagChangeTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
        TestCatalogue.ready();
    }

    private static final String TAGS_CHANGED = "cdp.tags.changed";
    private static final String MEMBERSHIP = "cdp.segments.membership";
    private static final String DEAD_LETTERS = "cdp.dlq.segment-service";
    private static final Map<String, String> TAGS_CHANGED_SCHEMA = Map.of("cdp-schema", "cdp.v1.TagsChanged");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("segments")
    SegmentService segments;

    @Test
    void aProfileEntersWhenItsTagsMatchAndExitsWhenTheyNoLongerDo() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("big spenders " + cohort, "cohort = '" + cohort + "' AND total_spend > 100");
        String oneId = UUID.randomUUID().toString();
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            TagsChanged spent = TestTags.changed(oneId, 42, TestTags.of("cohort", cohort, "total_spend", 150));
            send(spent);

            ConsumerRecord<String, byte[]> enter =
                    membership.await(transition(oneId, segment, Transition.ENTER), TIMEOUT);
            MembershipChanged entered = MembershipChanged.parseFrom(enter.value());
            assertEquals("cdp.v1.MembershipChanged", TestKafka.header(enter, "cdp-schema"));
            assertEquals(oneId, entered.getOneId());
            assertEquals(42, entered.getOrdinal());
            assertEquals(segment.getName(), entered.getSegmentName());
            assertEquals(spent.getTagsMap(), entered.getTagsMap(), "the tags the decision was made on");
            assertEquals(spent.getChangedAt(), entered.getAt());
            assertNotNull(UUID.fromString(entered.getMessageId()));
            // Kafka has the transition just before the transaction commits, so reads may lag it briefly.
            await().atMost(TIMEOUT).until(() -> isMember(segment, oneId));
            assertEquals(1, get(segment).getSize());
            List<Member> members = segments.listMembers(ListMembersRequest.newBuilder()
                            .setSegmentId(segment.getId())
                            .build())
                    .collect()
                    .asList()
                    .await()
                    .atMost(TIMEOUT);
            assertEquals(1, members.size());
            assertEquals(oneId, members.get(0).getOneId());
            assertEquals(42, members.get(0).getOrdinal());
            given().when()
                    .get("/v1/segments/" + segment.getId() + "/members?limit=10")
                    .then()
                    .statusCode(200)
                    .body("oneId", contains(oneId));

            send(TestTags.changed(oneId, 42, TestTags.of("cohort", cohort, "total_spend", 50)));

            MembershipChanged exited = MembershipChanged.parseFrom(membership
                    .await(transition(oneId, segment, Transition.EXIT), TIMEOUT)
                    .value());
            assertEquals(segment.getId(), exited.getSegmentId());
            await().atMost(TIMEOUT).until(() -> !isMember(segment, oneId));
            assertEquals(0, get(segment).getSize());
            ManagementInterface.given()
                    .when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("cdp_segment_transitions_total{transition=\"enter\"}"))
                    .body(containsString("cdp_segment_transitions_total{transition=\"exit\"}"));
        }
    }

    @Test
    void aProfileAbsorbedByAMergeLeavesItsSegments() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("merged away " + cohort, "cohort = '" + cohort + "'");
        String absorbed = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            send(TestTags.changed(absorbed, 9, TestTags.of("cohort", cohort)));
            membership.await(transition(absorbed, segment, Transition.ENTER), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> isMember(segment, absorbed));

            IdentityChanged merge = IdentityChanged.newBuilder()
                    .setMessageId(UUID.randomUUID().toString())
                    .setChange(IdentityChange.MERGED)
                    .setOneId(survivor)
                    .setOrdinal(3)
                    .addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed).setOrdinal(9))
                    .build();
            TestKafka.send(
                    "cdp.identity.changed",
                    survivor,
                    merge.toByteArray(),
                    Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
            TestKafka.send(
                    "cdp.identity.changed",
                    survivor,
                    merge.toByteArray(),
                    Map.of("cdp-schema", "cdp.v1.IdentityChanged"));

            membership.await(transition(absorbed, segment, Transition.EXIT), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> !isMember(segment, absorbed));
            assertEquals(
                    1,
                    membership
                            .collectFor(transition(absorbed, segment, Transition.EXIT), Duration.ofSeconds(1))
                            .size(),
                    "the replayed merge finds nothing left to leave");
        }
    }

    @Test
    void listMembershipsAnswersEverySegmentAProfileIsIn() {
        String cohort = UUID.randomUUID().toString();
        Segment first = create("first " + cohort, "cohort = '" + cohort + "'");
        Segment second = create("second " + cohort, "cohort = '" + cohort + "' AND vip = true");
        Segment notThis = create("not this " + cohort, "cohort = '" + cohort + "' AND vip = false");
        String oneId = UUID.randomUUID().toString();
        send(TestTags.changed(oneId, 4, TestTags.of("cohort", cohort, "vip", true)));
        await().atMost(TIMEOUT).until(() -> isMember(first, oneId) && isMember(second, oneId));

        List<SegmentMembership> memberships = segments.listMemberships(
                        ListMembershipsRequest.newBuilder().setOneId(oneId).build())
                .await()
                .atMost(TIMEOUT)
                .getMembershipsList();

        // Segments other tests created may match too (e.g. vip = true): every one it is in is listed.
        List<String> listed =
                memberships.stream().map(SegmentMembership::getSegmentId).toList();
        assertTrue(listed.containsAll(List.of(first.getId(), second.getId())), listed.toString());
        assertTrue(!listed.contains(notThis.getId()), "a segment it is not in is not listed");
        assertEquals(listed.size(), Set.copyOf(listed).size(), "each segment once");
        assertTrue(
                memberships.stream().anyMatch(m -> m.getSegmentName().equals("second " + cohort) && m.hasEnteredAt()));
        assertEquals(
                0,
                segments.listMemberships(ListMembershipsRequest.newBuilder()
                                .setOneId(UUID.randomUUID().toString())
                                .build())
                        .await()
                        .atMost(TIMEOUT)
                        .getMembershipsCount());
    }

    @Test
    void anErasedPersonLeavesEverySegmentBeforeTheErasureIsConfirmedAndAReplayChangesNothing() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("erased " + cohort, "cohort = '" + cohort + "'");
        String oneId = UUID.randomUUID().toString();
        String absorbed = UUID.randomUUID().toString();
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP);
                TestKafka.Watch confirmations = TestKafka.watch("cdp.privacy.confirmations")) {
            send(TestTags.changed(oneId, 5, TestTags.of("cohort", cohort)));
            membership.await(transition(oneId, segment, Transition.ENTER), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> isMember(segment, oneId));

            String requestId = UUID.randomUUID().toString();
            IdentityChanged erased = IdentityChanged.newBuilder()
                    .setMessageId(requestId)
                    .setChange(IdentityChange.ERASED)
                    .setOneId(oneId)
                    .setOrdinal(5)
                    .addAbsorbed(AbsorbedProfile.newBuilder().setOneId(absorbed))
                    .build();
            for (int i = 0; i < 2; i++) {
                TestKafka.send(
                        "cdp.identity.changed",
                        oneId,
                        erased.toByteArray(),
                        Map.of("cdp-schema", "cdp.v1.IdentityChanged"));
            }

            membership.await(transition(oneId, segment, Transition.EXIT), TIMEOUT);
            List<ConsumerRecord<String, byte[]>> confirmed =
                    confirmations.awaitAll(r -> oneId.equals(r.key()), 2, TIMEOUT);
            ErasureConfirmed confirmation =
                    ErasureConfirmed.parseFrom(confirmed.get(0).value());
            assertEquals(requestId, confirmation.getRequestId());
            assertEquals("segment-service", confirmation.getService());
            assertEquals("membership", confirmation.getStores(0).getStore());
            assertTrue(!isMember(segment, oneId), "the confirmation comes after the membership is gone");
            assertEquals(
                    0,
                    segments.listMemberships(ListMembershipsRequest.newBuilder()
                                    .setOneId(oneId)
                                    .build())
                            .await()
                            .atMost(TIMEOUT)
                            .getMembershipsCount());
            assertEquals(
                    1,
                    membership
                            .collectFor(transition(oneId, segment, Transition.EXIT), Duration.ofSeconds(1))
                            .size(),
                    "the replayed erasure finds nothing left to leave");
        }
    }

    @Test
    void theSameTagsChangedDeliveredTwiceEntersOnce() {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("vip " + cohort, "cohort = '" + cohort + "' AND vip = true");
        String oneId = UUID.randomUUID().toString();
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            TagsChanged becameVip = TestTags.changed(oneId, 7, TestTags.of("cohort", cohort, "vip", true));
            send(becameVip);
            send(becameVip);
            // A later change of the same profile, processed after both copies since it shares their partition.
            send(TestTags.changed(oneId, 7, TestTags.of("cohort", cohort, "vip", false)));

            membership.await(transition(oneId, segment, Transition.EXIT), TIMEOUT);
            assertEquals(
                    1,
                    membership
                            .collectFor(transition(oneId, segment, Transition.ENTER), Duration.ofSeconds(1))
                            .size());
        }
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("app users " + cohort, "cohort = '" + cohort + "' AND last_channel = 'app'");
        String oneId = UUID.randomUUID().toString();
        byte[] garbage = "not a protobuf".getBytes(StandardCharsets.UTF_8);
        try (TestKafka.Watch deadLetters = TestKafka.watch(DEAD_LETTERS);
                TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            TestKafka.send(TAGS_CHANGED, oneId, garbage, TAGS_CHANGED_SCHEMA);
            // No OneID: too long for one, it would fail the insert of every profile in its poll.
            String notAOneId = "x" + UUID.randomUUID() + UUID.randomUUID();
            send(TestTags.changed(notAOneId, 4, TestTags.of("cohort", cohort, "last_channel", "app")));
            send(TestTags.changed(oneId, 3, TestTags.of("cohort", cohort, "last_channel", "app")));

            ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> oneId.equals(r.key()), TIMEOUT);
            assertArrayEquals(garbage, dead.value());
            String reason = TestKafka.header(dead, "dead-letter-reason");
            assertTrue(reason != null && reason.contains("not a binary cdp.v1.TagsChanged"), "reason: " + reason);
            String tooLong =
                    TestKafka.header(deadLetters.await(r -> notAOneId.equals(r.key()), TIMEOUT), "dead-letter-reason");
            assertTrue(
                    tooLong != null && tooLong.contains("one_id is 73 characters long; a OneID has at most 36"),
                    "reason: " + tooLong);
            membership.await(transition(oneId, segment, Transition.ENTER), TIMEOUT);
        }
    }

    @Test
    void listMembersStreamsEveryMemberAcrossPages() {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("cohort " + cohort, "cohort = '" + cohort + "'");
        List<String> oneIds = List.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            oneIds.forEach(oneId -> send(TestTags.changed(oneId, 1, TestTags.of("cohort", cohort))));
            oneIds.forEach(oneId -> membership.await(transition(oneId, segment, Transition.ENTER), TIMEOUT));
        }
        await().atMost(TIMEOUT).until(() -> get(segment).getSize() == oneIds.size());

        List<String> streamed = segments.listMembers(ListMembersRequest.newBuilder()
                        .setSegmentId(segment.getId())
                        .build())
                .map(Member::getOneId)
                .collect()
                .asList()
                .await()
                .atMost(TIMEOUT);

        assertEquals(oneIds.stream().sorted().toList(), streamed, "in OneID order, pages of 2 in tests");
    }

    @Test
    void aNewSegmentIsFilledFromTheProfilesThatExistAlready() throws Exception {
        String cohort = UUID.randomUUID().toString();
        String bigSpender = UUID.randomUUID().toString();
        String smallSpender = UUID.randomUUID().toString();
        String ordersLater = UUID.randomUUID().toString();
        // A segment of the whole cohort first: once its members are in, their tags are known.
        Segment cohortSegment = create("cohort " + cohort, "cohort = '" + cohort + "'");
        send(TestTags.changed(bigSpender, 1, TestTags.of("cohort", cohort, "total_spend", 900)));
        send(TestTags.changed(smallSpender, 2, TestTags.of("cohort", cohort, "total_spend", 10)));
        await().atMost(TIMEOUT).until(() -> get(cohortSegment).getSize() == 2);

        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            Segment bigSpenders = create(
                    "existing big spenders " + cohort, "IN SEGMENT 'cohort " + cohort + "' AND total_spend > 100");
            membership.await(transition(bigSpender, bigSpenders, Transition.ENTER), TIMEOUT);
            await().atMost(TIMEOUT)
                    .until(() -> get(bigSpenders).getBackfill().getState().equals("DONE"));
            assertTrue(isMember(bigSpenders, bigSpender));
            assertEquals(1, get(bigSpenders).getSize(), "the small spender stays out");
            assertTrue(get(bigSpenders).getBackfill().getDone() >= 2, "every stored profile was decided");

            send(TestTags.changed(ordersLater, 3, TestTags.of("cohort", cohort, "total_spend", 500)));
            membership.await(transition(ordersLater, bigSpenders, Transition.ENTER), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> get(bigSpenders).getSize() == 2);
        }
    }

    @Test
    void aMemberLeavesASegmentOfRecentBuyersAsTimePassesWithoutAnyEvent() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment recent = create("recent buyers " + cohort, "cohort = '" + cohort + "' AND last_order_at WITHIN 1 HOUR");
        String oneId = UUID.randomUUID().toString();
        // Ordered 59 min 57 s ago: within the hour now, out of it in three seconds.
        java.time.Instant ordered =
                java.time.Instant.now().minus(Duration.ofMinutes(60)).plusSeconds(3);
        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            send(TestTags.changed(oneId, 5, TestTags.of("cohort", cohort, "last_order_at", ordered)));
            membership.await(transition(oneId, recent, Transition.ENTER), TIMEOUT);

            MembershipChanged left = MembershipChanged.parseFrom(membership
                    .await(transition(oneId, recent, Transition.EXIT), TIMEOUT)
                    .value());
            assertTrue(
                    java.time.Instant.now().isAfter(ordered.plus(Duration.ofHours(1))), "not before the hour was over");
            assertEquals(5, left.getOrdinal());
            await().atMost(TIMEOUT).until(() -> !isMember(recent, oneId));
        }
    }

    @Test
    void anEditMovesExactlyTheProfilesWhoseMembershipItChangesAndKeepsTheVersions() throws Exception {
        String cohort = UUID.randomUUID().toString();
        String spent150 = UUID.randomUUID().toString();
        String spent600 = UUID.randomUUID().toString();
        String spent50 = UUID.randomUUID().toString();
        Segment spenders = create("spenders " + cohort, "cohort = '" + cohort + "' AND total_spend > 100");
        send(TestTags.changed(spent150, 1, TestTags.of("cohort", cohort, "total_spend", 150)));
        send(TestTags.changed(spent600, 2, TestTags.of("cohort", cohort, "total_spend", 600)));
        send(TestTags.changed(spent50, 3, TestTags.of("cohort", cohort, "total_spend", 50)));
        await().atMost(TIMEOUT).until(() -> get(spenders).getSize() == 2);

        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            given().contentType("application/json")
                    .body("{\"rule\": \"cohort = '" + cohort + "' AND total_spend BETWEEN 20 AND 500\"}")
                    .when()
                    .put("/v1/segments/" + spenders.getId())
                    .then()
                    .statusCode(200)
                    .body("version", org.hamcrest.Matchers.is(2));
            membership.await(transition(spent600, spenders, Transition.EXIT), TIMEOUT);
            membership.await(transition(spent50, spenders, Transition.ENTER), TIMEOUT);
            await().atMost(TIMEOUT)
                    .until(() -> get(spenders).getBackfill().getState().equals("DONE"));
            List<String> moved = membership.collectFor(record -> true, Duration.ofSeconds(2)).stream()
                    .map(record -> {
                        try {
                            return MembershipChanged.parseFrom(record.value());
                        } catch (InvalidProtocolBufferException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .filter(change -> change.getSegmentId().equals(spenders.getId()))
                    .map(change -> change.getOneId() + " " + change.getTransition())
                    .sorted()
                    .toList();
            assertEquals(
                    List.of(spent50 + " ENTER", spent600 + " EXIT").stream()
                            .sorted()
                            .toList(),
                    moved,
                    "the member the edit keeps makes no transition");
            assertTrue(isMember(spenders, spent150));
        }
        given().when()
                .get("/v1/segments/" + spenders.getId() + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(1, 2))
                .body("rule[0]", org.hamcrest.Matchers.equalTo("cohort = '" + cohort + "' AND total_spend > 100"));
        List<SegmentRuleVersion> versions = segments.listSegmentVersions(
                        GetSegmentRequest.newBuilder().setId(spenders.getId()).build())
                .await()
                .atMost(TIMEOUT)
                .getVersionsList();
        assertEquals(
                List.of(1, 2),
                versions.stream().map(SegmentRuleVersion::getVersion).toList());
        assertEquals(
                "cohort = '" + cohort + "' AND total_spend > 100",
                versions.get(0).getRule());
        assertTrue(
                segments
                        .listSegments(ListSegmentsRequest.getDefaultInstance())
                        .await()
                        .atMost(TIMEOUT)
                        .getSegmentsList()
                        .stream()
                        .anyMatch(listed -> listed.getId().equals(spenders.getId()) && listed.getVersion() == 2),
                "ListSegments has the edited segment at its version");
    }

    @Test
    void explainShowsEachConditionWithTheTagItReadAndAgreesWithMembership() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment =
                create("explained " + cohort, "cohort = '" + cohort + "' AND (total_spend > 100 OR vip = true)");
        String oneId = UUID.randomUUID().toString();
        send(TestTags.changed(oneId, 8, TestTags.of("cohort", cohort, "total_spend", 40, "vip", true)));
        await().atMost(TIMEOUT).until(() -> isMember(segment, oneId));

        given().when()
                .get("/v1/segments/" + segment.getId() + "/explain/" + oneId)
                .then()
                .statusCode(200)
                .body("member", org.hamcrest.Matchers.is(true))
                .body("explanation.result", org.hamcrest.Matchers.is(true))
                .body(
                        "explanation.parts[1].condition",
                        org.hamcrest.Matchers.equalTo("total_spend > 100 OR vip = true"))
                .body("explanation.parts[1].parts[0].result", org.hamcrest.Matchers.is(false))
                .body("explanation.parts[1].parts[0].value", org.hamcrest.Matchers.equalTo(40.0f))
                .body("explanation.parts[1].parts[1].result", org.hamcrest.Matchers.is(true));
        given().when()
                .get("/v1/segments/" + segment.getId() + "/explain/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("error", containsString("have reached segment-service"));

        MembershipExplanation explained = segments.explainMembership(ExplainMembershipRequest.newBuilder()
                        .setSegmentId(segment.getId())
                        .setOneId(oneId)
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertTrue(explained.getMember());
        ExplainedCondition either = explained.getExplanation().getParts(1);
        assertEquals("total_spend > 100 OR vip = true", either.getCondition());
        assertEquals(false, either.getParts(0).getResult());
        assertEquals("40.0", either.getParts(0).getValueJson());
        assertEquals(true, either.getParts(1).getResult());
        StatusRuntimeException unseen = org.junit.jupiter.api.Assertions.assertThrows(
                StatusRuntimeException.class,
                () -> segments.explainMembership(ExplainMembershipRequest.newBuilder()
                                .setSegmentId(segment.getId())
                                .setOneId(UUID.randomUUID().toString())
                                .build())
                        .await()
                        .atMost(TIMEOUT));
        assertEquals(Status.Code.NOT_FOUND, unseen.getStatus().getCode());
    }

    @Test
    void anArchivedSegmentLetsEveryMemberGoAndTakesNoOneIn() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment segment = create("to archive " + cohort, "cohort = '" + cohort + "'");
        Segment reader = create("reads it " + cohort, "IN SEGMENT 'to archive " + cohort + "' AND vip = true");
        String member = UUID.randomUUID().toString();
        send(TestTags.changed(member, 4, TestTags.of("cohort", cohort)));
        await().atMost(TIMEOUT).until(() -> isMember(segment, member));

        given().when()
                .delete("/v1/segments/" + segment.getId())
                .then()
                .statusCode(409)
                .body("error", containsString("reads \"to archive " + cohort + "\" with IN SEGMENT"));
        given().when()
                .delete("/v1/segments/" + reader.getId())
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ARCHIVED"));

        try (TestKafka.Watch membership = TestKafka.watch(MEMBERSHIP)) {
            given().when().delete("/v1/segments/" + segment.getId()).then().statusCode(200);
            membership.await(transition(member, segment, Transition.EXIT), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> get(segment).getSize() == 0);
            assertEquals("ARCHIVED", get(segment).getStatus());

            String later = UUID.randomUUID().toString();
            send(TestTags.changed(later, 6, TestTags.of("cohort", cohort)));
            assertEquals(
                    List.of(),
                    membership.collectFor(transition(later, segment, Transition.ENTER), Duration.ofSeconds(3)));
        }
        given().contentType("application/json")
                .body("{\"rule\": \"vip = true\"}")
                .when()
                .put("/v1/segments/" + segment.getId())
                .then()
                .statusCode(409)
                .body("error", containsString("is archived"));
    }

    @Test
    void aPreviewCountsADraftOverTheStoredProfilesWithoutDefiningASegment() throws Exception {
        String cohort = UUID.randomUUID().toString();
        Segment everyone = create("previewed cohort " + cohort, "cohort = '" + cohort + "'");
        List<String> big =
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        send(TestTags.changed(big.get(0), 1, TestTags.of("cohort", cohort, "total_spend", 300)));
        send(TestTags.changed(big.get(1), 2, TestTags.of("cohort", cohort, "total_spend", 900)));
        send(TestTags.changed(UUID.randomUUID().toString(), 3, TestTags.of("cohort", cohort, "total_spend", 5)));
        await().atMost(TIMEOUT).until(() -> get(everyone).getSize() == 3);

        given().contentType("application/json")
                .body(
                        "{\"definition\": {\"version\": 1, \"condition\": {\"all\": [{\"tag\": \"cohort\", \"op\": \"=\", \"value\": \""
                                + cohort + "\"}, {\"tag\": \"total_spend\", \"op\": \">\", \"value\": 100}]}}}")
                .when()
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("count", org.hamcrest.Matchers.is(2))
                .body("sample", org.hamcrest.Matchers.containsInAnyOrder(big.toArray()))
                .body("rule", org.hamcrest.Matchers.equalTo("cohort = '" + cohort + "' AND total_spend > 100"));
        given().contentType("application/json")
                .body("{\"rule\": \"IN SEGMENT 'previewed cohort " + cohort + "' AND total_spend < 100\"}")
                .when()
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("count", org.hamcrest.Matchers.is(1));
        given().contentType("application/json")
                .body("{\"rule\": \"total_spend =>\"}")
                .when()
                .post("/v1/segments/preview")
                .then()
                .statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("rule"));
    }

    private Segment create(String name, String rule) {
        return TestMembership.create(segments, name, rule);
    }

    private Segment get(Segment segment) {
        return TestMembership.get(segments, segment);
    }

    private boolean isMember(Segment segment, String oneId) {
        return TestMembership.isMember(segments, segment, oneId);
    }

    private static void send(TagsChanged change) {
        TestMembership.send(change);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> transition(
            String oneId, Segment segment, Transition transition) {
        return TestMembership.transition(oneId, segment.getId(), transition);
    }
}
