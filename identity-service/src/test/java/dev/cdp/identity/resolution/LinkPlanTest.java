package dev.cdp.identity.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.identity.identifiertype.DefaultIdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierType;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.identifiertype.Normalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LinkPlanTest {

    private static final IdentifierTypes TYPES =
            new IdentifierTypes(DefaultIdentifierTypes.ALL, List.of("undefined", "null", "0"), "CN");
    private static final int MAX = 150;
    private static final Set<String> DEVICES = Set.of("anonymous_id", "device_id");
    private static final IdentifierValue U1 = TYPES.value("user_id", "u1");
    private static final IdentifierValue U2 = TYPES.value("user_id", "u2");
    private static final IdentifierValue EMAIL = TYPES.value("email", "ada@example.com");
    private static final IdentifierValue DEVICE = TYPES.value("anonymous_id", "shared-tablet");

    @Test
    void identifiersOfProfilesThatFitTogetherMergeIntoTheProfileOfTheTopIdentifier() {
        LinkPlan plan = LinkPlan.of(
                List.of(U1, DEVICE),
                Map.of(U1.key(), "p1", DEVICE.key(), "p2"),
                Map.of("p1", Map.of("user_id", 1), "p2", Map.of("anonymous_id", 3)),
                TYPES,
                MAX,
                DEVICES);

        assertEquals("p1", plan.anchorOneId());
        assertEquals(List.of("p2"), plan.merged());
        assertTrue(plan.refused().isEmpty());
    }

    @Test
    void aSharedDeviceDoesNotMergeTwoPeopleTheNewUserGetsAProfileAndTheDeviceStaysPut() {
        LinkPlan plan = LinkPlan.of(
                List.of(U2, DEVICE),
                Map.of(DEVICE.key(), "p1"),
                Map.of("p1", Map.of("user_id", 1, "anonymous_id", 1)),
                TYPES,
                MAX,
                DEVICES);

        assertNull(plan.anchorOneId());
        assertEquals(U2, plan.newProfileFor());
        assertEquals(List.of(U2), plan.linked());
        assertTrue(plan.merged().isEmpty());
        assertEquals(1, plan.refused().size());
        assertEquals(DEVICE, plan.refused().get(0).identifier());
        assertEquals("p1", plan.refused().get(0).owner());
        assertEquals(
                "merging would give one profile 2 user_id (limit 1)",
                plan.refused().get(0).reason());
    }

    @Test
    void aNewTopIdentifierJoinsTheFirstProfileThatCanTakeItAndKeepsItsPlaceAgainstLaterMerges() {
        LinkPlan plan = LinkPlan.of(
                List.of(U2, EMAIL, DEVICE),
                Map.of(EMAIL.key(), "p-email", DEVICE.key(), "p-device"),
                Map.of("p-email", Map.of("email", 1), "p-device", Map.of("user_id", 1, "anonymous_id", 1)),
                TYPES,
                MAX,
                DEVICES);

        assertEquals("p-email", plan.anchorOneId());
        assertEquals(List.of(U2), plan.linked());
        assertTrue(plan.merged().isEmpty(), "p-device belongs to another user");
        assertEquals(DEVICE, plan.refused().get(0).identifier());
    }

    @Test
    void aHouseholdTabletDoesNotJoinTwoKnownPeopleButStillJoinsAnAnonymousVisitToItsPerson() {
        IdentifierValue bob = TYPES.value("email", "bob@example.com");
        LinkPlan known = LinkPlan.of(
                List.of(bob, DEVICE),
                Map.of(bob.key(), "p-bob", DEVICE.key(), "p-ada"),
                Map.of("p-bob", Map.of("email", 1), "p-ada", Map.of("email", 1, "anonymous_id", 1)),
                TYPES,
                MAX,
                DEVICES);
        assertEquals("p-bob", known.anchorOneId());
        assertTrue(known.merged().isEmpty());
        assertEquals(
                new LinkPlan.Refusal(DEVICE, "p-ada", "a shared device does not join two known people"),
                known.refused().get(0));

        LinkPlan anonymous = LinkPlan.of(
                List.of(bob, DEVICE),
                Map.of(bob.key(), "p-bob", DEVICE.key(), "p-visit"),
                Map.of("p-bob", Map.of("email", 1), "p-visit", Map.of("anonymous_id", 1)),
                TYPES,
                MAX,
                DEVICES);
        assertEquals(
                List.of("p-visit"), anonymous.merged(), "an anonymous visit joins the person who identifies on it");
    }

    @Test
    void aLinkBeyondAPerProfileLimitIsRefusedAndTheRestIsLinked() {
        LinkPlan plan = LinkPlan.of(
                List.of(U1, EMAIL, DEVICE),
                Map.of(U1.key(), "p1"),
                Map.of("p1", Map.of("user_id", 1, "email", 5)),
                TYPES,
                MAX,
                DEVICES);

        assertEquals("p1", plan.anchorOneId());
        assertEquals(List.of(DEVICE), plan.linked());
        assertEquals(EMAIL, plan.refused().get(0).identifier());
        assertNull(plan.refused().get(0).owner());
        assertEquals(
                "the profile already has 5 email (limit 5)",
                plan.refused().get(0).reason());
    }

    @Test
    void aProfileAtTheIdentifierCapTakesNoMoreAndTheRefusalSaysSo() {
        IdentifierValue device = TYPES.value("device_id", "idfa-1");
        LinkPlan plan = LinkPlan.of(
                List.of(U1, EMAIL, device),
                Map.of(U1.key(), "p1"),
                Map.of(
                        "p1",
                        Map.of(
                                "user_id",
                                1,
                                "anonymous_id",
                                100,
                                "device_id",
                                19,
                                "email",
                                4,
                                "phone",
                                5,
                                "wechat_openid",
                                10,
                                "member_card",
                                2,
                                "pos_customer_id",
                                2,
                                "crm_id",
                                1,
                                "wechat_unionid",
                                1)),
                TYPES,
                146,
                DEVICES);

        assertEquals("p1", plan.anchorOneId());
        assertEquals(List.of(EMAIL), plan.linked(), "the higher-priority email takes the last place");
        assertEquals(device, plan.refused().get(0).identifier());
        assertEquals(
                "the profile already has 146 identifiers (limit 146)",
                plan.refused().get(0).reason());
    }

    @Test
    void aMergePastTheIdentifierCapIsRefusedAndANewTopIdentifierSkipsAFullProfile() {
        IdentifierValue device = TYPES.value("device_id", "idfa-2");
        Map<String, Map<String, Integer>> counts = Map.of(
                "p-big",
                Map.of("anonymous_id", 50, "device_id", 1),
                "p-user",
                Map.of("user_id", 1, "anonymous_id", 40));

        LinkPlan merge = LinkPlan.of(
                List.of(U1, device), Map.of(U1.key(), "p-user", device.key(), "p-big"), counts, TYPES, 90, DEVICES);
        assertEquals("p-user", merge.anchorOneId());
        assertTrue(merge.merged().isEmpty());
        assertEquals(
                new LinkPlan.Refusal(device, "p-big", "merging would give one profile 92 identifiers (limit 90)"),
                merge.refused().get(0));

        LinkPlan fresh = LinkPlan.of(List.of(U2, device), Map.of(device.key(), "p-big"), counts, TYPES, 51, DEVICES);
        assertNull(fresh.anchorOneId(), "p-big holds 51 identifiers: no room for the user id");
        assertEquals(U2, fresh.newProfileFor());
    }

    @Test
    void phonesAreStoredInE164WithTheDefaultRegionForNationalNumbers() {
        assertEquals("+8613800138000", TYPES.value("phone", "138 0013 8000").value());
        assertEquals("+8613800138000", TYPES.value("phone", "+86 138-0013-8000").value());
        assertEquals("+442079460000", TYPES.value("phone", "+44 20 7946 0000").value());
        IllegalArgumentException invalid =
                assertThrows(IllegalArgumentException.class, () -> TYPES.value("phone", "12345"));
        assertEquals(
                "\"12345\" is not a valid phone number in CN (write +<country code> for others)", invalid.getMessage());
    }

    @Test
    void placeholdersAreNeverIdentifiers() {
        assertTrue(TYPES.isBlocked(TYPES.value("user_id", "undefined")));
        assertTrue(TYPES.isBlocked(TYPES.value("anonymous_id", "NULL")), "global values are blocked whatever the case");
        assertTrue(TYPES.isBlocked(TYPES.value("member_card", "0")));
        assertTrue(
                TYPES.isBlocked(TYPES.value("device_id", "00000000-0000-0000-0000-000000000000")),
                "an all-zero IDFA is what iOS reports when ad tracking is limited");
        assertTrue(TYPES.isBlocked(TYPES.value("email", "Test@Test.com")), "email's own blocked values");
        assertFalse(
                TYPES.isBlocked(TYPES.value("user_id", "test@test.com")), "email's blocked values are email's only");
        assertFalse(TYPES.isBlocked(TYPES.value("user_id", "u-1001")));
    }

    @Test
    void eachTypeIsNormalisedTheWayItIsConfigured() {
        assertEquals(
                "ada@example.com", TYPES.value("email", "  Ada@Example.COM ").value());
        assertEquals(
                "abcdef01-2345-6789-abcd-ef0123456789",
                TYPES.value("device_id", "ABCDEF01-2345-6789-ABCD-EF0123456789").value());
        assertEquals("M-0042", TYPES.value("member_card", " M-0042 ").value(), "trim keeps the case");
        assertEquals(
                "wx8f1a2b3c4d5e6f70:oABC123",
                TYPES.value("wechat_openid", "wx8f1a2b3c4d5e6f70:oABC123").value());
        IllegalArgumentException openid =
                assertThrows(IllegalArgumentException.class, () -> TYPES.value("wechat_openid", "oABC123"));
        assertEquals(
                "\"oABC123\" is not an app-scoped id; write it as \"<app id>:<id>\", e.g. \"wx8f1a2b3c4d5e6f70:oABC123\"",
                openid.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TYPES.value("foo", "1"));
        assertEquals(
                "\"foo\" is not a known identifier type; known: user_id, email, phone, crm_id, member_card,"
                        + " pos_customer_id, wechat_unionid, wechat_openid, device_id, anonymous_id",
                unknown.getMessage());
    }

    @Test
    void limitsAndPriorityComeFromTheConfiguredTypes() {
        List<IdentifierType> changed = new ArrayList<>(DefaultIdentifierTypes.ALL);
        changed.add(new IdentifierType("loyalty_id", 5, 1, Normalisation.TRIM, Set.of()));
        IdentifierTypes types = new IdentifierTypes(changed, List.of(), "CN");
        IdentifierValue loyalty = types.value("loyalty_id", "L-1");
        assertEquals(
                List.of(loyalty, U1),
                Stream.of(U1, loyalty).sorted(types.priorityOrder()).toList(),
                "priority 5 comes before user_id's 10");

        LinkPlan plan = LinkPlan.of(
                List.of(loyalty, U1),
                Map.of(loyalty.key(), "p1", U1.key(), "p2"),
                Map.of("p1", Map.of("loyalty_id", 1, "user_id", 1), "p2", Map.of("user_id", 1)),
                types,
                MAX,
                DEVICES);
        assertEquals("p1", plan.anchorOneId());
        assertEquals(
                "merging would give one profile 2 user_id (limit 1)",
                plan.refused().get(0).reason());
    }
}
