package dev.cdp.activation;

import dev.cdp.platform.error.InvalidInputException;

/** Checks on request fields shared by the features; failures name the field as the gRPC contract spells it. */
public final class Fields {

    private Fields() {}

    /** The value stripped of surrounding blanks; fails when it is missing, blank or too long. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return limited(field, value.strip(), maxLength);
    }

    /** The value, or "" when missing; fails when it is too long. */
    public static String optional(String field, String value, int maxLength) {
        return value == null ? "" : limited(field, value, maxLength);
    }

    private static String limited(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }
}
