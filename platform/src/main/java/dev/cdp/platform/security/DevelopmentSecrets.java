package dev.cdp.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * In the {@code prod} profile a service refuses to start while a secret everyone knows is in use:
 * the default suppression, lookup or encryption key, a demo write key, or the tests' issuer key (its
 * key pair ships in test-support). Local runs ({@code bin/cdp}, the e2e test) use the {@code local} profile.
 */
@ApplicationScoped
public class DevelopmentSecrets {

    /** SHA-256 of the tests' issuer public key (DER), and of its signing key (PKCS#8 DER). */
    private static final List<String> KNOWN_KEYS = List.of(
            "d6aeb303859816ae5b06e067e02d81b95600370b7cad84ea0238f22be0bd7d8a",
            "35669787241a69833a024223c94a539f7995d932e8b3d17731e1a28877c91921");

    void refuseInProduction(@Observes StartupEvent started, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> inUse = inUse(config);
        if (!inUse.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to start in the prod profile with development secrets: " + String.join("; ", inUse)
                            + ". Set your own (README \"Secrets\"), or run locally with QUARKUS_PROFILE=local");
        }
    }

    static List<String> inUse(Config config) {
        List<String> inUse = new ArrayList<>();
        if (value(config, "cdp.identity.suppression-key")
                .filter("cdp-development-suppression-key"::equals)
                .isPresent()) {
            inUse.add("cdp.identity.suppression-key (CDP_SUPPRESSION_KEY) is the development default");
        }
        if (value(config, PiiVault.LOOKUP_KEY)
                .filter(PiiVault.DEVELOPMENT_LOOKUP_KEY::equals)
                .isPresent()) {
            inUse.add(PiiVault.LOOKUP_KEY + " (CDP_PII_LOOKUP_KEY) is the development default");
        }
        if (value(config, PiiVault.ENCRYPTION_KEYS)
                .filter(ring -> ring.contains(PiiVault.DEVELOPMENT_ENCRYPTION_KEY))
                .isPresent()) {
            inUse.add(PiiVault.ENCRYPTION_KEYS + " (CDP_PII_ENCRYPTION_KEYS) holds the development key");
        }
        if (value(config, "cdp.identity.demo-write-key").isPresent()) {
            inUse.add("cdp.identity.demo-write-key (CDP_DEMO_WRITE_KEY) seeds a demo source: set it empty");
        }
        if (value(config, "cdp.auth.signing-key")
                .filter(DevelopmentSecrets::known)
                .isPresent()) {
            inUse.add("cdp.auth.signing-key (CDP_AUTH_SIGNING_KEY) is the tests' issuer key");
        }
        if (value(config, "quarkus.oidc.public-key")
                .filter(DevelopmentSecrets::known)
                .isPresent()) {
            inUse.add(
                    "quarkus.oidc.public-key (CDP_OIDC_PUBLIC_KEY) is the tests' issuer key: anyone could sign tokens");
        }
        if (value(config, "quarkus.oidc.internal.public-key")
                .filter(DevelopmentSecrets::known)
                .isPresent()) {
            inUse.add(
                    "quarkus.oidc.internal.public-key (CDP_SERVICE_PUBLIC_KEY) is the tests' issuer key: anyone could sign tokens");
        }
        return inUse;
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank());
    }

    private static boolean known(String pem) {
        try {
            byte[] der = Base64.getDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KNOWN_KEYS.contains(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (IllegalArgumentException notBase64) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
