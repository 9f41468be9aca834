package dev.cdp.identity.ingest;

import java.util.List;

/**
 * A Segment batch after validation: its valid events in order and its invalid ones by index.
 *
 * @param size how many events the batch held
 */
public record EventBatch(int size, List<ParsedEvent> valid, List<Rejected> rejected) {

    /** An event of the batch that was not valid: its index and what was wrong with it. */
    public record Rejected(int index, InvalidEventException problem) {

        /** The field as a path into the batch, e.g. {@code batch[3].traits.email}. */
        public String field() {
            return "batch[" + index + "]." + problem.field();
        }
    }
}
