package dev.cdp.identity.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkPlanTest {

    private static final IdentifierValue U1 = IdentifierValue.of(IdentifierType.USER_ID, "u1");
    private static final IdentifierValue U2 = IdentifierValue.of(IdentifierType.USER_ID, "u2");
    private static final IdentifierValue EMAIL = IdentifierValue.of(IdentifierType.EMAIL, "ada@example.com");
    private static final IdentifierValue DEVICE = IdentifierValue.of(IdentifierType.ANONYMOUS_ID, "shared-tablet");

    @Test
    void identifiersOfProfilesThatFitTogetherMergeIntoTheProfileOfTheTopIdentifier() {
        LinkPlan plan = LinkPlan.of(List.of(U1, DEVICE),
                Map.of(U1.key(), "p1", DEVICE.key(), "p2"),
                Map.of("p1", Map.of(IdentifierType.USER_ID, 1), "p2", Map.of(IdentifierType.ANONYMOUS_ID, 3)));

        assertEquals("p1", plan.anchorOneId());
        assertEquals(List.of("p2"), plan.merged());
        assertTrue(plan.refused().isEmpty());
    }

    @Test
    void aSharedDeviceDoesNotMergeTwoPeopleTheNewUserGetsAProfileAndTheDeviceStaysPut() {
        LinkPlan plan = LinkPlan.of(List.of(U2, DEVICE),
                Map.of(DEVICE.key(), "p1"),
                Map.of("p1", Map.of(IdentifierType.USER_ID, 1, IdentifierType.ANONYMOUS_ID, 1)));

        assertNull(plan.anchorOneId());
        assertEquals(U2, plan.newProfileFor());
        assertEquals(List.of(U2), plan.linked());
        assertTrue(plan.merged().isEmpty());
        assertEquals(1, plan.refused().size());
        assertEquals(DEVICE, plan.refused().get(0).identifier());
        assertEquals("p1", plan.refused().get(0).owner());
        assertEquals("merging would give one profile 2 user_id (limit 1)", plan.refused().get(0).reason());
    }

    @Test
    void aNewTopIdentifierJoinsTheFirstProfileThatCanTakeItAndKeepsItsPlaceAgainstLaterMerges() {
        LinkPlan plan = LinkPlan.of(List.of(U2, EMAIL, DEVICE),
                Map.of(EMAIL.key(), "p-email", DEVICE.key(), "p-device"),
                Map.of("p-email", Map.of(IdentifierType.EMAIL, 1),
                        "p-device", Map.of(IdentifierType.USER_ID, 1, IdentifierType.ANONYMOUS_ID, 1)));

        assertEquals("p-email", plan.anchorOneId());
        assertEquals(List.of(U2), plan.linked());
        assertTrue(plan.merged().isEmpty(), "p-device belongs to another user");
        assertEquals(DEVICE, plan.refused().get(0).identifier());
    }

    @Test
    void aLinkBeyondAPerProfileLimitIsRefusedAndTheRestIsLinked() {
        LinkPlan plan = LinkPlan.of(List.of(U1, EMAIL, DEVICE),
                Map.of(U1.key(), "p1"),
                Map.of("p1", Map.of(IdentifierType.USER_ID, 1, IdentifierType.EMAIL, 5)));

        assertEquals("p1", plan.anchorOneId());
        assertEquals(List.of(DEVICE), plan.linked());
        assertEquals(EMAIL, plan.refused().get(0).identifier());
        assertNull(plan.refused().get(0).owner());
        assertEquals("the profile already has 5 email (limit 5)", plan.refused().get(0).reason());
    }

    @Test
    void phonesAreStoredInE164WithTheDefaultRegionForNationalNumbers() {
        assertEquals("+8613800138000", IdentifierType.PHONE.normalise("138 0013 8000"));
        assertEquals("+8613800138000", IdentifierType.PHONE.normalise("+86 138-0013-8000"));
        assertEquals("+442079460000", IdentifierType.PHONE.normalise("+44 20 7946 0000"));
        IllegalArgumentException invalid = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IdentifierType.PHONE.normalise("12345"));
        assertEquals("\"12345\" is not a valid phone number in CN (write +<country code> for others)", invalid.getMessage());
    }

    @Test
    void placeholdersAreNeverIdentifiers() {
        for (String value : List.of("undefined", "NULL", "0", "00000000-0000-0000-0000-000000000000", "test@test.com")) {
            assertTrue(IdentifierType.isPlaceholder(value), value);
        }
        assertTrue(!IdentifierType.isPlaceholder("u-1001"));
    }
}
