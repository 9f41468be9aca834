package dev.cdp.segment.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One member of an export: its identifiers by type (values in clear, masked or hashed, as asked
 * and allowed) and, for the changes since a snapshot, whether it was added or removed (else null).
 */
public record ExportRow(
        String oneId, int ordinal, Instant enteredAt, Map<String, List<String>> identifiers, Change change) {

    ExportRow withIdentifiers(Map<String, List<String>> found) {
        return new ExportRow(oneId, ordinal, enteredAt, found, change);
    }
}
