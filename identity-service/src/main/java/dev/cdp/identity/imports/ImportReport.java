package dev.cdp.identity.imports;

import java.time.Instant;
import java.util.List;

/**
 * What an import did.
 *
 * @param rows the file's data rows
 * @param accepted rows applied, duplicates (rows an earlier upload of the same id applied) included
 * @param rejected rows not applied, nothing of them written, in file order
 * @param finishedAt null while {@code state} is RUNNING
 */
public record ImportReport(
        String id,
        String source,
        String kind,
        State state,
        int rows,
        int accepted,
        int duplicates,
        List<RowProblem> rejected,
        Instant startedAt,
        Instant finishedAt) {

    public enum State {
        RUNNING,
        DONE
    }

    /**
     * A row not applied.
     *
     * @param line its line in the file (the header is line 1)
     * @param field the column at fault, or null when the row as a whole is
     */
    public record RowProblem(int line, String field, String reason) {}
}
