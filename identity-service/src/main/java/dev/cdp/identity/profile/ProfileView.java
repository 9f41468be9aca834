package dev.cdp.identity.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A profile as readers see it: live, with all its identifiers. */
public record ProfileView(String oneId, int ordinal, List<IdentifierValue> identifiers, Map<String, Object> traits,
        Instant createdAt, Instant updatedAt) {
}
