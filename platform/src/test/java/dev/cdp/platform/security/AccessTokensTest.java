package dev.cdp.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    @Test
    void aSignedTokenVerifiesWithThePublicKeyAndCarriesItsIssuerSubjectAndRoles() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        String token = AccessTokens.sign(
                AccessTokens.privateKey(pem), "cdp-internal", "tag-service", List.of("service"), Duration.ofMinutes(5));

        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(pair.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"tag-service\"") && claims.contains("\"groups\":[\"service\"]"), claims);
        assertEquals("cdp-internal", VerifiedTokens.issuer(token));
    }

    @Test
    void namesThatWouldBreakTheClaimsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var key = generator.generateKeyPair().getPrivate();
        assertThrows(
                IllegalArgumentException.class,
                () -> AccessTokens.sign(key, "cdp", "x\",\"groups\":[\"admin", List.of(), Duration.ofMinutes(1)));
        assertNull(VerifiedTokens.issuer("not-a-token"));
    }
}
