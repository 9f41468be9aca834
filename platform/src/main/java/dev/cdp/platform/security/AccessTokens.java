package dev.cdp.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RS256 access tokens signed with a key the platform holds: a service's own identity on its
 * internal gRPC calls, and the tokens of the local development issuer ({@code bin/cdp token}) and
 * of the tests. Services verify them as any OIDC provider's, by the public key.
 */
public final class AccessTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]+");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private AccessTokens() {}

    /** A PKCS#8 RSA private key, as PEM or as its base64 body alone. */
    public static PrivateKey privateKey(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the signing key is not a PKCS#8 RSA private key (PEM): " + e.getMessage(), e);
        }
    }

    /**
     * @param subject who calls (a service's name, a user)
     * @param roles the {@code groups} claim, which services read as roles
     */
    public static String sign(
            PrivateKey key, String issuer, String subject, Collection<String> roles, Duration lifetime) {
        for (String name : roles) {
            requireName(name);
        }
        requireName(issuer);
        requireName(subject);
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":["
                + roles.stream().map(role -> "\"" + role + "\"").collect(Collectors.joining(",")) + "],\"iat\":" + now
                + ",\"exp\":" + (now + lifetime.toSeconds()) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an access token: " + e.getMessage(), e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a plain name (letters, digits, _ . : @ -)");
        }
    }
}
