package dev.cdp.identity.ingest;

/** What happened to one accepted event. */
public record IngestOutcome(String messageId, String oneId, int ordinal, boolean duplicate) {
}
