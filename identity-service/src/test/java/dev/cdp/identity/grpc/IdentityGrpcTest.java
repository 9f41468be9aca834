package dev.cdp.identity.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.resolution.IdentityResolver;
import dev.cdp.proto.v1.BatchGetIdentifiersRequest;
import dev.cdp.proto.v1.BatchGetIdentifiersResponse;
import dev.cdp.proto.v1.BatchResolveRequest;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentifierSet;
import dev.cdp.proto.v1.IdentityChange;
import dev.cdp.proto.v1.IdentityChanged;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ProfileIdentifiers;
import dev.cdp.proto.v1.ProfileMerge;
import dev.cdp.proto.v1.ResolveRequest;
import dev.cdp.proto.v1.ResolveResponse;
import dev.cdp.proto.v1.ResolveResult;
import dev.cdp.testing.RestAssuredSignIn;
import dev.cdp.testing.TestKafka;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IdentityService over gRPC, as other services call it. */
@QuarkusTest
class IdentityGrpcTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void resolveCreatesOnceAndThenFindsTheSameProfileDeterministically() {
        Identifier email = id("email", "Grace." + UUID.randomUUID() + "@Example.com");
        ResolveResponse first = resolve(true, email);
        ResolveResponse again = resolve(true, email);
        ResolveResponse readOnly = resolve(false, id("email", email.getValue().toLowerCase()));

        assertTrue(first.getCreated());
        assertFalse(again.getCreated());
        assertEquals(first.getOneId(), again.getOneId());
        assertEquals(first.getOneId(), readOnly.getOneId());
        assertEquals(first.getOrdinal(), readOnly.getOrdinal());
        assertEquals(
                IdentityResolver.oneIdFor(
                        new IdentifierValue("email", email.getValue().toLowerCase())),
                first.getOneId(),
                "the OneID is derived from the identifier, so a replay of the same data gives the same OneIDs");
    }

    @Test
    void identifiersOfTwoProfilesSeenTogetherMergeIntoTheOlderAndTheAbsorbedOneIdRedirects() throws Exception {
        Identifier user = id("user_id", "u-" + UUID.randomUUID());
        Identifier device = id("anonymous_id", "d-" + UUID.randomUUID());
        ResolveResponse older = resolve(true, user);
        ResolveResponse younger = resolve(true, device);

        ResolveResponse merged;
        try (TestKafka.Watch changes = TestKafka.watch("cdp.identity.changed")) {
            merged = resolve(true, user, device);
            IdentityChanged change = IdentityChanged.parseFrom(
                    changes.await(r -> older.getOneId().equals(r.key()), TIMEOUT.multipliedBy(2))
                            .value());
            assertEquals(IdentityChange.MERGED, change.getChange());
            assertEquals(older.getOrdinal(), change.getOrdinal());
            assertEquals(younger.getOneId(), change.getAbsorbed(0).getOneId());
            assertEquals(younger.getOrdinal(), change.getAbsorbed(0).getOrdinal());
        }

        assertEquals(older.getOneId(), merged.getOneId());
        ResolveResponse known = resolve(true, device, user);
        assertEquals(
                older.getOneId(), known.getOneId(), "identifiers one profile holds resolve to it, nothing to link");
        assertFalse(known.getCreated());
        Profile viaAbsorbed = identity.getProfile(GetProfileRequest.newBuilder()
                        .setOneId(younger.getOneId())
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals(older.getOneId(), viaAbsorbed.getOneId());
        assertEquals(2, viaAbsorbed.getIdentifiersCount());
        assertEquals(List.of(younger.getOneId()), viaAbsorbed.getAbsorbedOneIdsList());
        assertEquals(1, viaAbsorbed.getMergesCount());
        ProfileMerge lineage = viaAbsorbed.getMerges(0);
        assertEquals(older.getOneId(), lineage.getSurvivorOneId());
        assertEquals(younger.getOneId(), lineage.getAbsorbedOneId());
        assertEquals("grpc", lineage.getChannel());
        assertTrue(lineage.getCauseMessageId().startsWith("IdentityService/Resolve "), lineage.getCauseMessageId());
        assertEquals(List.of(user, device), lineage.getIdentifiersList());
        assertTrue(lineage.hasAt());
    }

    @Test
    void aReadOnlyResolveOfTwoPeoplesIdentifiersAnswersForTheFirstGiven() {
        Identifier ada = id("user_id", "ada-" + UUID.randomUUID());
        Identifier grace = id("user_id", "grace-" + UUID.randomUUID());
        Identifier unknown = id("email", "nobody-" + UUID.randomUUID() + "@example.com");
        ResolveResponse adaProfile = resolve(true, ada);
        ResolveResponse graceProfile = resolve(true, grace);

        assertEquals(adaProfile.getOneId(), resolve(false, unknown, ada, grace).getOneId());
        assertEquals(graceProfile.getOneId(), resolve(false, grace, ada).getOneId());
        assertEquals(graceProfile.getOrdinal(), resolve(false, grace, ada).getOrdinal());
    }

    @Test
    void unknownIdentifiersAreNotFoundAndMalformedOnesInvalid() {
        StatusRuntimeException notFound = assertThrows(
                StatusRuntimeException.class, () -> resolve(false, id("user_id", "nobody-" + UUID.randomUUID())));
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());

        StatusRuntimeException invalid =
                assertThrows(StatusRuntimeException.class, () -> resolve(true, id("email", "abc")));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
        assertEquals(
                "identifiers[0]: \"abc\" is not an email address",
                invalid.getStatus().getDescription());
    }

    @Test
    void aBatchAnswersEachPersonInOrderAndReportsTheBadEntriesWithoutFailingTheOthers() {
        Identifier ada = id("user_id", "ada-" + UUID.randomUUID());
        ResolveResponse adaProfile = resolve(true, ada);
        Identifier unknown = id("email", "nobody-" + UUID.randomUUID() + "@example.com");

        List<ResolveResult> results =
                batch(false, List.of(unknown), List.of(id("email", "abc")), List.of(unknown, ada), List.of());

        assertEquals(4, results.size());
        assertTrue(results.get(0).getNotFound(), results.get(0).toString());
        assertEquals(
                "identifiers[0]: \"abc\" is not an email address",
                results.get(1).getInvalid());
        assertEquals(adaProfile.getOneId(), results.get(2).getResolved().getOneId());
        assertEquals(adaProfile.getOrdinal(), results.get(2).getResolved().getOrdinal());
        assertEquals(
                "identifiers: at least one {type, value} is required",
                results.get(3).getInvalid());
    }

    @Test
    void aBatchCreatesAndMergesAsEventsNamingThePeopleWouldInOneCall() {
        Identifier user = id("user_id", "u-" + UUID.randomUUID());
        Identifier device = id("anonymous_id", "d-" + UUID.randomUUID());
        Identifier fresh = id("email", "new-" + UUID.randomUUID() + "@example.com");
        ResolveResponse older = resolve(true, user);
        ResolveResponse younger = resolve(true, device);

        List<ResolveResult> results =
                batch(true, List.of(fresh), List.of(user), List.of(user, device), List.of(fresh), List.of(device));

        ResolveResponse created = results.get(0).getResolved();
        assertTrue(created.getCreated());
        assertEquals(IdentityResolver.oneIdFor(new IdentifierValue("email", fresh.getValue())), created.getOneId());
        assertEquals(older.getOneId(), results.get(1).getResolved().getOneId());
        assertFalse(results.get(1).getResolved().getCreated());
        assertEquals(
                older.getOneId(),
                results.get(2).getResolved().getOneId(),
                "the link merged the younger profile into the older");
        assertEquals(
                created.getOneId(),
                results.get(3).getResolved().getOneId(),
                "the same new person twice is one profile");
        assertEquals(
                older.getOneId(),
                results.get(4).getResolved().getOneId(),
                "after the merge the device answers for the survivor");
        Profile survivor = identity.getProfile(GetProfileRequest.newBuilder()
                        .setOneId(younger.getOneId())
                        .build())
                .await()
                .atMost(TIMEOUT);
        assertEquals(older.getOneId(), survivor.getOneId());
        assertEquals(List.of(younger.getOneId()), survivor.getAbsorbedOneIdsList());
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        BatchResolveRequest.Builder request = BatchResolveRequest.newBuilder();
        for (int i = 0; i <= 1_000; i++) {
            request.addPeople(IdentifierSet.newBuilder().addIdentifiers(id("user_id", "u-" + i)));
        }
        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class,
                () -> identity.batchResolve(request.build()).await().atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals(
                "people: 1001 entries; a call takes at most 1000",
                refused.getStatus().getDescription());
    }

    @Test
    void identifiersOfManyProfilesComeNormalisedOfTheTypesAskedForAndMaskedWhenAsked() {
        String local = "Ada." + UUID.randomUUID();
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        ResolveResponse ada = resolve(
                true, id("email", " " + local + "@Example.com "), id("phone", "139 " + digits), id("user_id", local));
        String unknown = UUID.randomUUID().toString();

        BatchGetIdentifiersResponse clear = identity.batchGetIdentifiers(BatchGetIdentifiersRequest.newBuilder()
                        .addOneIds(unknown)
                        .addOneIds(ada.getOneId())
                        .addAllTypes(List.of("email", "phone"))
                        .build())
                .await()
                .atMost(TIMEOUT);
        BatchGetIdentifiersResponse masked = identity.batchGetIdentifiers(BatchGetIdentifiersRequest.newBuilder()
                        .addOneIds(ada.getOneId())
                        .addTypes("email")
                        .setMasked(true)
                        .build())
                .await()
                .atMost(TIMEOUT);

        assertEquals(
                List.of(unknown, ada.getOneId()),
                clear.getProfilesList().stream()
                        .map(ProfileIdentifiers::getOneId)
                        .toList());
        assertEquals(List.of(), clear.getProfiles(0).getIdentifiersList());
        assertEquals(
                List.of(id("email", local.toLowerCase() + "@example.com"), id("phone", "+86139" + digits)),
                clear.getProfiles(1).getIdentifiersList());
        assertEquals(
                List.of(id("email", "a***@example.com")), masked.getProfiles(0).getIdentifiersList());
    }

    @Test
    void identifiersOfAnUnknownTypeAreRefusedNamingTheType() {
        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class,
                () -> identity.batchGetIdentifiers(BatchGetIdentifiersRequest.newBuilder()
                                .addTypes("email")
                                .addTypes("emial")
                                .build())
                        .await()
                        .atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(
                refused.getStatus().getDescription().startsWith("types[1]: \"emial\" is not a known identifier type"));
    }

    @SafeVarargs
    private List<ResolveResult> batch(boolean create, List<Identifier>... people) {
        BatchResolveRequest.Builder request = BatchResolveRequest.newBuilder().setCreateIfMissing(create);
        for (List<Identifier> person : people) {
            request.addPeople(IdentifierSet.newBuilder().addAllIdentifiers(person));
        }
        return identity.batchResolve(request.build()).await().atMost(TIMEOUT).getResultsList();
    }

    private ResolveResponse resolve(boolean create, Identifier... ids) {
        return identity.resolve(ResolveRequest.newBuilder()
                        .setCreateIfMissing(create)
                        .addAllIdentifiers(java.util.List.of(ids))
                        .build())
                .await()
                .atMost(TIMEOUT);
    }

    private static Identifier id(String type, String value) {
        return Identifier.newBuilder().setType(type).setValue(value).build();
    }
}
