package dev.cdp.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for personal values stored in a database column: {@code seal} gives
 * {@code <key id>:<base64 of nonce, ciphertext and tag>}, so every value names the key that sealed
 * it and keys rotate without a stop: values are sealed with the ring's first (active) key and
 * opened with whichever key their id names, until a re-sealing pass has moved them all.
 *
 * <p>The ring is written {@code k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>}, active key first.
 */
public final class FieldCipher {

    private static final Pattern KEY_ID = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher is stateful: one per thread, re-initialised for each value. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);

    private FieldCipher(Map<String, SecretKey> keys) {
        this.keys = keys;
        this.activeId = keys.keySet().iterator().next();
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not {@code <id>:<base64 of 32 bytes>}
     */
    public static FieldCipher parse(String ring) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : ring.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? "" : trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "encryption key entries are <id>:<base64 of 32 random bytes>, the id a lower-case"
                                + " letter then up to 15 letters or digits; got an entry starting \""
                                + trimmed.substring(0, Math.min(3, trimmed.length())) + "\"");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("encryption key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("encryption key " + id + " has " + key.length
                        + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("encryption key id " + id + " appears twice");
            }
        }
        return new FieldCipher(keys);
    }

    public String activeKeyId() {
        return activeId;
    }

    /** Whether the value was sealed with the active key (a re-sealing pass skips those). */
    public boolean sealedWithActiveKey(String sealed) {
        return sealed.startsWith(activeId + ":");
    }

    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] text = plain.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(text.length))
                    .put(nonce);
            cipher.doFinal(ByteBuffer.wrap(text), out);
            return activeId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal a value", e);
        }
    }

    /**
     * @throws IllegalStateException when the value names a key the ring does not hold, or was
     *         changed since it was sealed (the GCM tag does not match)
     */
    public String open(String sealed) {
        int colon = sealed.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(sealed.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException(
                    "a stored value is sealed with key \"" + (colon < 0 ? "" : sealed.substring(0, colon))
                            + "\", which the encryption key ring does not hold (keys: "
                            + String.join(", ", keys.keySet()) + ")");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a stored value sealed with key " + sealed.substring(0, colon) + " fails its integrity check", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
