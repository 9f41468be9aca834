package dev.cdp.identity.merge;

import dev.cdp.identity.identifiertype.IdentifierValue;
import java.time.Instant;
import java.util.List;

/**
 * What an unmerge did: the profile it split, the identifier taken out, and the profiles it left,
 * the first being the one that keeps the OneID.
 */
public record Split(String oneId, IdentifierValue detached, String reason, String cause, Instant at, List<Part> parts) {

    /** A resulting profile; {@code revived} when it is a profile merged earlier, coming back under its own OneID. */
    public record Part(String oneId, int ordinal, List<IdentifierValue> identifiers, boolean revived) {}
}
