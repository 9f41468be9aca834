package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of an export starts: after a OneID, in the source the first page was read
 * from (a snapshot, or 0 for the current members), so a segment that starts rebuilding between two
 * pages does not switch a client to another member set halfway. Opaque to clients.
 */
record Cursor(int snapshotVersion, String afterOneId) {

    private static final String PREFIX = "1:";

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + snapshotVersion + ":" + afterOneId).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a blank cursor (the first page). */
    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int colon = text.indexOf(':', PREFIX.length());
                if (colon > 0) {
                    return new Cursor(
                            Integer.parseInt(text.substring(PREFIX.length(), colon)), text.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below: not one of ours, whatever is wrong with it
        }
        throw new InvalidInputException(
                "cursor", "is not a cursor this service issued; start again without it or pass the last one as given");
    }
}
