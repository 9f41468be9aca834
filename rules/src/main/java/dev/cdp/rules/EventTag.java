package dev.cdp.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A tag a {@link Behaviour} reads: {@code function(property)} of the events named {@code event}
 * that match {@code where}, over the last {@code windowDays} days (0: all of them), as a rule tag
 * of tag-service computes it. Its code is a hash of what it computes, so behaviours that compute
 * the same share one tag.
 *
 * @param code {@link #PREFIX} and a hash of the rest
 * @param function COUNT, SUM or LAST
 * @param where the filter's text, empty for none
 * @param property what SUM adds or LAST keeps, null for COUNT
 */
public record EventTag(String code, String function, String event, String where, String property, int windowDays) {

    /** The prefix of every such tag's code: tags no one defined by hand. */
    public static final String PREFIX = "bhv_";

    public static EventTag of(String function, String event, String where, String property, int windowDays) {
        return new EventTag(
                code(function, event, where, property, windowDays), function, event, where, property, windowDays);
    }

    private static String code(String function, String event, String where, String property, int windowDays) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", function, event, where, String.valueOf(property), "" + windowDays)
                            .getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
