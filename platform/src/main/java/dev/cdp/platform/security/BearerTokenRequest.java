package dev.cdp.platform.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A gRPC call's bearer token, to be verified against the OIDC issuer's keys. */
public final class BearerTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public BearerTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
