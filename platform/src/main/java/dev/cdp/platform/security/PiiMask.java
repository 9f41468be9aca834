package dev.cdp.platform.security;

/**
 * Personal data as callers without PII rights see it: enough to recognise a person they already
 * know ({@code a***@example.com}, {@code +86 138****8000}, {@code A. L.}), not enough to contact them.
 */
public final class PiiMask {

    private static final String HIDDEN = "***";

    private PiiMask() {}

    /** {@code ada@example.com} → {@code a***@example.com}. */
    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return HIDDEN;
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + HIDDEN + email.substring(at);
    }

    /** {@code +8613800138000} → {@code +86 138****8000}; other numbers keep their first and last four characters. */
    public static String phone(String phone) {
        String digits = phone.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86") && digits.length() == 14) {
            return "+86 " + digits.substring(3, 6) + "****" + digits.substring(10);
        }
        if (digits.length() < 9) {
            return HIDDEN;
        }
        return digits.substring(0, 4) + "****" + digits.substring(digits.length() - 4);
    }

    /** {@code Ada Lovelace} → {@code A. L.}; a name written without spaces (张伟) keeps its first character: {@code 张*}. */
    public static String name(String name) {
        String[] parts = name.strip().split("\\s+");
        if (parts.length == 1) {
            int length = parts[0].codePointCount(0, parts[0].length());
            return length == 0
                    ? ""
                    : parts[0].substring(0, parts[0].offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, length - 1));
        }
        StringBuilder initials = new StringBuilder();
        for (String part : parts) {
            initials.append(initials.length() == 0 ? "" : " ")
                    .append(part, 0, part.offsetByCodePoints(0, 1))
                    .append('.');
        }
        return initials.toString();
    }

    /** Any other personal value: nothing of it shown. */
    public static String hidden() {
        return HIDDEN;
    }
}
