package dev.cdp.platform.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies gRPC bearer tokens with quarkus-oidc (signature against the issuer's keys, expiry,
 * issuer and audience as configured): the services' own tokens (issuer {@value ServiceCredentials#ISSUER})
 * by the {@code internal} tenant, everyone else's by the OIDC provider's. Each verified token is
 * remembered until it expires: an internal caller sends the same token on every call, and
 * verifying an RS256 signature per call would cost more than a tag read.
 */
@Singleton
public class VerifiedTokens implements IdentityProvider<BearerTokenRequest> {

    /** Enough for every live caller; past it the cache starts over rather than grow. */
    private static final int MAX_TOKENS = 10_000;

    private static final Pattern ISSUER = Pattern.compile("\"iss\"\\s*:\\s*\"([^\"]*)\"");

    private record Verified(SecurityIdentity identity, long expiresAtSecond) {}

    private final TenantIdentityProvider users;
    private final TenantIdentityProvider services;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(
            @Default TenantIdentityProvider users, @Tenant(ServiceCredentials.TENANT) TenantIdentityProvider services) {
        this.users = users;
        this.services = services;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        Verified known = verified.get(request.token());
        if (known != null) {
            if (known.expiresAtSecond() > System.currentTimeMillis() / 1000) {
                return Uni.createFrom().item(known.identity());
            }
            verified.remove(request.token());
        }
        TenantIdentityProvider verifier = ServiceCredentials.ISSUER.equals(issuer(request.token())) ? services : users;
        return verifier.authenticate(new AccessTokenCredential(request.token())).invoke(identity -> {
            if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                if (verified.size() >= MAX_TOKENS) {
                    verified.clear();
                }
                verified.put(request.token(), new Verified(identity, jwt.getExpirationTime()));
            }
        });
    }

    /** The issuer a JWT claims (unverified: it only picks the verifier), or null. */
    static String issuer(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return null;
        }
        try {
            Matcher issuer = ISSUER.matcher(new String(
                    Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8));
            return issuer.find() ? issuer.group(1) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
