package dev.cdp.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;

/**
 * The platform's roles, as the OIDC provider grants them (the token's {@code groups} claim by
 * default). Each endpoint and gRPC method names the roles that may call it; the README's role
 * table lists them.
 */
public final class Roles {

    /** Identifier types, sources and write keys, manual merge and unmerge, the audit log. */
    public static final String ADMIN = "admin";
    /** Access export, erasure, consent. */
    public static final String PRIVACY = "privacy";
    /** Profiles (PII masked), the tag catalogue, segments. */
    public static final String ANALYST = "analyst";
    /** Segments and campaigns (PII masked). */
    public static final String MARKETER = "marketer";
    /** Internal apps and the platform's own services: resolution, tag reads, membership. */
    public static final String SERVICE = "service";

    public static final List<String> ALL = List.of(ADMIN, PRIVACY, ANALYST, MARKETER, SERVICE);

    /** Roles that see identifier values and contact traits in clear; every other caller sees them masked. */
    private static final Set<String> PII_READERS = Set.of(ADMIN, PRIVACY, SERVICE);

    private Roles() {}

    /** Whether the caller sees PII in clear, without blocking the event loop for their identity. */
    public static Uni<Boolean> seesPii(CurrentIdentityAssociation caller) {
        return caller.getDeferredIdentity().map(Roles::seesPii);
    }

    public static boolean seesPii(SecurityIdentity identity) {
        for (String role : identity.getRoles()) {
            if (PII_READERS.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
