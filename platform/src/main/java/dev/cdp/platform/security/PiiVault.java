package dev.cdp.platform.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The keys that protect personal data at rest. Identifiers are stored, linked and looked up by a
 * keyed hash ({@link #identifierKey}), so an index of them matches a known value only for whoever
 * holds {@code cdp.pii.lookup-key}; personal values are sealed with AES-GCM ({@link #seal}) under
 * the ring {@code cdp.pii.encryption-keys} (see {@link FieldCipher}).
 *
 * <p>Static because identifiers are values made everywhere (parsers, JSON readers, entity
 * converters, unit tests); the keys are read from configuration once, on first use. Where
 * configuration names none (unit tests) the development keys serve; the {@code prod} profile
 * refuses to start with them ({@link DevelopmentSecrets}).
 */
public final class PiiVault {

    public static final String LOOKUP_KEY = "cdp.pii.lookup-key";
    public static final String ENCRYPTION_KEYS = "cdp.pii.encryption-keys";
    static final String DEVELOPMENT_LOOKUP_KEY = "cdp-development-lookup-key";
    static final String DEVELOPMENT_ENCRYPTION_KEY = "G4n0+CXjQAIera3WAqVNl8i9fYzfV+q2wSMUyACgNWY=";

    private record Keys(KeyedHash lookup, FieldCipher cipher) {}

    private static volatile Keys keys;

    private PiiVault() {}

    /** The stored key of an identifier: its type, then the keyed hash of "type:value". */
    public static String identifierKey(String type, String value) {
        return type + ":" + keys().lookup.compact(type + ":" + value);
    }

    public static String seal(String plain) {
        return plain == null ? null : keys().cipher.seal(plain);
    }

    public static String open(String sealed) {
        return sealed == null ? null : keys().cipher.open(sealed);
    }

    /** The ring, for a pass that re-seals values under its active key. */
    public static FieldCipher cipher() {
        return keys().cipher;
    }

    /** A service that configures the keys reads them at start: a malformed key stops it there, not at its first request. */
    @Singleton
    static class LoadAtStart {

        void load(@Observes StartupEvent started, Config config) {
            if (config.getOptionalValue(ENCRYPTION_KEYS, String.class).isPresent()) {
                keys();
            }
        }
    }

    private static Keys keys() {
        Keys loaded = keys;
        if (loaded == null) {
            synchronized (PiiVault.class) {
                if (keys == null) {
                    keys = new Keys(
                            new KeyedHash(
                                    setting(LOOKUP_KEY, "CDP_PII_LOOKUP_KEY").orElse(DEVELOPMENT_LOOKUP_KEY)),
                            FieldCipher.parse(setting(ENCRYPTION_KEYS, "CDP_PII_ENCRYPTION_KEYS")
                                    .orElse("k1:" + DEVELOPMENT_ENCRYPTION_KEY)));
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private static Optional<String> setting(String name, String variable) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalStateException(name + " (" + variable
                    + ") is empty: set it (README \"Secrets\") or leave it unset for local runs");
        }
        return value;
    }
}
