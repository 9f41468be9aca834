package dev.cdp.identity.merge;

import dev.cdp.identity.identifiertype.IdentifierValue;
import java.time.Instant;
import java.util.List;

/** A merge as readers see it. */
public record MergeView(
        String survivorOneId,
        String absorbedOneId,
        String causeMessageId,
        String channel,
        String source,
        List<IdentifierValue> identifiers,
        Instant at) {}
