package dev.cdp.identity.profile;

import dev.cdp.identity.consent.ConsentView;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.merge.MergeView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A profile as readers see it: live, with all its identifiers, the OneIDs merged into it, the
 * merges that made it, oldest first, and the consent decisions in force.
 */
public record ProfileView(
        String oneId,
        int ordinal,
        List<IdentifierValue> identifiers,
        Map<String, Object> traits,
        Instant createdAt,
        Instant updatedAt,
        List<String> absorbedOneIds,
        List<MergeView> merges,
        List<ConsentView> consents) {}
