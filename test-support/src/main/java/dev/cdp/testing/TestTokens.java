package dev.cdp.testing;

import dev.cdp.platform.security.AccessTokens;
import dev.cdp.platform.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;

/**
 * Access tokens of the tests' own issuer (the key pair in {@code cdp-test-issuer/}, which the
 * services trust in the test profile, see {@code META-INF/microprofile-config.properties}).
 */
public final class TestTokens {

    public static final String ISSUER = "cdp-test";
    private static final PrivateKey KEY = AccessTokens.privateKey(resource("signing-key.pem"));

    private TestTokens() {}

    /** A token of a test user holding exactly these roles (none: signed in, allowed nothing). */
    public static String as(String... roles) {
        return AccessTokens.sign(KEY, ISSUER, "test-user", List.of(roles), Duration.ofHours(1));
    }

    public static String everyRole() {
        return as(Roles.ALL.toArray(String[]::new));
    }

    /** The issuer's public key (the PEM's base64 body), for services started outside the test profile (the e2e test). */
    public static String publicKey() {
        return resource("public-key.pem").replaceAll("-----[A-Z ]+-----|\\s", "");
    }

    /** The issuer's signing key (PEM), for the services' own identity when started outside the test profile. */
    public static String signingKeyPem() {
        return resource("signing-key.pem");
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/cdp-test-issuer/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
