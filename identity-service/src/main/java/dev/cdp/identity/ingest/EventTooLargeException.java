package dev.cdp.identity.ingest;

import dev.cdp.platform.error.ErrorKind;

/** A call or event over a size limit: answered 413 where a whole call is refused. */
public class EventTooLargeException extends InvalidEventException {

    public EventTooLargeException(String field, String reason) {
        super(ErrorKind.TOO_LARGE, field, reason);
    }
}
