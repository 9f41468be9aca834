package dev.cdp.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of personal values under a secret key: a table of such hashes can be matched against
 * a known value by whoever holds the key, and against a list of emails or phones by nobody else.
 */
public final class KeyedHash {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** A Mac is stateful: one per thread, reused. */
    private final ThreadLocal<Mac> macs;

    public KeyedHash(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The hash of a value, as 64 hex digits. */
    public String of(String value) {
        return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash of a value in 43 characters (base64url): for keys a table is indexed by. */
    public String compact(String value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
