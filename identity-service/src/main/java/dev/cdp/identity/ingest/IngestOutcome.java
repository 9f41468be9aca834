package dev.cdp.identity.ingest;

/**
 * What happened to one valid event.
 *
 * @param oneId the profile it was resolved to; null when suppressed
 * @param ordinal the profile's ordinal, -1 when the event was not resolved now
 */
public record IngestOutcome(String messageId, String oneId, int ordinal, Status status) {

    public enum Status {
        /** Resolved and published. */
        ACCEPTED,
        /** Its messageId was taken before: acknowledged, not processed again. */
        DUPLICATE,
        /** It names an erased person's identifier and happened before the erasure: dropped. */
        SUPPRESSED
    }

    public boolean duplicate() {
        return status == Status.DUPLICATE;
    }

    public boolean suppressed() {
        return status == Status.SUPPRESSED;
    }
}
