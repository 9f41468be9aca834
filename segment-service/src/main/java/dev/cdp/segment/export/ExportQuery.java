package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an export is asked for: the identifier types each member comes with, how their values are
 * written, and which members: the current ones ({@code version} 0), a snapshot's, or the changes
 * between two snapshots ({@code sinceVersion} &gt; 0).
 */
public record ExportQuery(List<String> identifierTypes, Hashing hash, int version, int sinceVersion) {

    /** identity-service's type names (user_id, email, wechat_openid...). */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public ExportQuery {
        identifierTypes = List.copyOf(identifierTypes);
        for (String type : identifierTypes) {
            if (!TYPE_NAME.matcher(type).matches()) {
                throw new InvalidInputException(
                        "identifiers", "\"" + type + "\" is not an identifier type name (e.g. email, phone)");
            }
        }
        if (version < 0) {
            throw new InvalidInputException("version", "must be a snapshot version from 1, got " + version);
        }
        if (sinceVersion < 0) {
            throw new InvalidInputException("since", "must be a snapshot version from 1, got " + sinceVersion);
        }
        if (sinceVersion > 0 && version == 0) {
            throw new InvalidInputException("since", "compares two snapshots: name the later one as version");
        }
    }

    /** Types as a comma-separated list ("email,phone"); blank entries and repeats dropped. */
    public static List<String> types(String list) {
        List<String> types = new ArrayList<>();
        if (list == null) {
            return types;
        }
        for (String entry : list.split(",")) {
            String type = entry.strip();
            if (!type.isEmpty() && !types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** A version given as text: blank is 0 (none); anything but a whole number from 1 is refused naming the field. */
    public static int version(String field, String given) {
        return given == null || given.isBlank() ? 0 : wholeNumber(field, given, Integer.MAX_VALUE);
    }

    /**
     * A whole number from 1 to {@code max} given as text (read as text so that a bad one is
     * answered 400 naming its field, not 404 as JAX-RS answers a parameter it cannot convert).
     */
    public static int wholeNumber(String field, String given, int max) {
        try {
            int number = Integer.parseInt(given.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new InvalidInputException(
                field,
                "must be a whole number from 1" + (max == Integer.MAX_VALUE ? "" : " to " + max) + ", got \"" + given
                        + "\"");
    }

    public boolean changes() {
        return sinceVersion > 0;
    }
}
