package dev.cdp.identity.identifiertype;

import io.smallrye.mutiny.Uni;

/**
 * The identifiers profiles hold, as far as identifier types need to know: a type whose values are
 * stored cannot change how it normalises them. Answered by the identity graph (resolution), which
 * owns the identifiers and depends on the types, not the other way round.
 */
public interface StoredIdentifiers {

    /** How many identifiers of the type are stored; in the caller's session. */
    Uni<Long> countOfType(String type);
}
