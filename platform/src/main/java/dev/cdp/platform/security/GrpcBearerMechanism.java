package dev.cdp.platform.security;

import io.grpc.Metadata;
import io.quarkus.grpc.auth.GrpcSecurityMechanism;
import io.quarkus.security.identity.request.AuthenticationRequest;
import jakarta.inject.Singleton;

/**
 * Takes a gRPC call's {@code authorization: Bearer <token>} metadata, on the HTTP port's gRPC and
 * on a gRPC server of its own alike. A call without it stays anonymous, so a method's
 * {@code @RolesAllowed} answers {@code UNAUTHENTICATED} and {@code @PermitAll} methods (ingest by
 * write key) still work.
 */
@Singleton
public class GrpcBearerMechanism implements GrpcSecurityMechanism {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    @Override
    public boolean handles(Metadata metadata) {
        String authorization = metadata.get(AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
        return new BearerTokenRequest(
                metadata.get(AUTHORIZATION).substring(BEARER.length()).strip());
    }
}
