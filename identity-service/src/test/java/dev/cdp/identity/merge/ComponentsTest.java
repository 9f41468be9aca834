package dev.cdp.identity.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cdp.identity.resolution.IdentityLink;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a profile falls apart when identifiers or links are taken out. */
class ComponentsTest {

    @Test
    void identifiersSeenTogetherStayTogetherAndOthersAreApart() {
        List<IdentityLink.Pair> links = List.of(
                new IdentityLink.Pair("email:a", "phone:1"), new IdentityLink.Pair("anonymous_id:x", "phone:1"),
                new IdentityLink.Pair("anonymous_id:y", "phone:2"), new IdentityLink.Pair("email:shop", "phone:2"));

        List<Set<String>> parts =
                Components.of(List.of("email:a", "phone:1", "phone:2", "anonymous_id:x", "anonymous_id:y"), links);

        assertEquals(
                List.of(Set.of("email:a", "phone:1", "anonymous_id:x"), Set.of("phone:2", "anonymous_id:y")),
                parts,
                "the link through email:shop, which is not among the keys, does not join them");
    }

    @Test
    void anIdentifierWithNoLinkIsAComponentOfItsOwn() {
        assertEquals(
                List.of(Set.of("user_id:1"), Set.of("anonymous_id:9")),
                Components.of(List.of("user_id:1", "anonymous_id:9"), List.of()));
    }
}
