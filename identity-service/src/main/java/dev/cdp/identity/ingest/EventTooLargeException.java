package dev.cdp.identity.ingest;

/** A call or event over a size limit: answered 413 where a whole call is refused. */
public class EventTooLargeException extends InvalidEventException {

    public EventTooLargeException(String field, String reason) {
        super(field, reason);
    }
}
