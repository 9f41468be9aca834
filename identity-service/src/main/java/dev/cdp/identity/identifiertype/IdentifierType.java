package dev.cdp.identity.identifiertype;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One kind of identifier the graph links on, as configured in the {@code identifier_type} table.
 *
 * @param name the wire name, e.g. {@code email}, {@code member_card}
 * @param priority lower first: the highest-priority identifier of an event anchors it and names a
 *     new profile's OneID
 * @param perProfileLimit how many identifiers of this type one profile may hold; a link beyond it
 *     is refused
 * @param blockedValues placeholder values of this type, never linked on (compared lower-cased)
 */
public record IdentifierType(
        String name, int priority, int perProfileLimit, Normalisation normalisation, Set<String> blockedValues) {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");

    public IdentifierType {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name \"" + name + "\" must be 1 to 40 lower-case letters, digits or _, starting with a letter");
        }
        if (priority < 0) {
            throw new IllegalArgumentException("priority " + priority + " must be 0 or more (lower comes first)");
        }
        if (perProfileLimit < 1) {
            throw new IllegalArgumentException("limit " + perProfileLimit + " must be at least 1");
        }
        TreeSet<String> lowered = new TreeSet<>();
        for (String value : blockedValues) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("blockedValues must not hold empty values");
            }
            lowered.add(value.strip().toLowerCase(Locale.ROOT));
        }
        blockedValues = Collections.unmodifiableSortedSet(lowered);
    }
}
