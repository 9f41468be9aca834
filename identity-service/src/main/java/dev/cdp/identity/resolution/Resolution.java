package dev.cdp.identity.resolution;

import java.util.List;

/**
 * The profile an event's identifiers resolved to, and the profiles that merged into it on the
 * way (empty when none did).
 */
public record Resolution(String oneId, int ordinal, boolean created, List<Absorbed> absorbed) {

    /** A profile that merged into the resolved one. */
    public record Absorbed(String oneId, int ordinal) {}

    public static Resolution existing(String oneId, int ordinal) {
        return new Resolution(oneId, ordinal, false, List.of());
    }
}
