package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How identifier values leave an export. Ad platforms match audiences on SHA-256 of the value
 * normalised as they require, which is what identity-service already stores: an email trimmed and
 * lower-cased, a phone in E.164 with its {@code +}. So the stored value is hashed as it is.
 */
public enum Hashing {
    NONE(""),
    SHA256("sha256");

    private final String wireName;

    Hashing(String wireName) {
        this.wireName = wireName;
    }

    /** "" or "none": values as they are; "sha256". */
    public static Hashing parse(String name) {
        String given = name == null ? "" : name.strip();
        if (given.isEmpty() || given.equals("none")) {
            return NONE;
        }
        if (given.equals(SHA256.wireName)) {
            return SHA256;
        }
        throw new InvalidInputException("hash", "\"" + name + "\" is not a hash; use sha256, or none for the values");
    }

    public String apply(String value) {
        if (this == NONE) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
