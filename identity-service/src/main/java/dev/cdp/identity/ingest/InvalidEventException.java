package dev.cdp.identity.ingest;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** An event that breaks the Segment spec or our limits; the message names the field and says why. */
public class InvalidEventException extends ApiException {

    private final String reason;

    public InvalidEventException(String field, String reason) {
        this(ErrorKind.INVALID, field, reason);
    }

    protected InvalidEventException(ErrorKind kind, String field, String reason) {
        super(kind, field, field + " " + reason);
        this.reason = reason;
    }

    /** What is wrong with the field, without its name. */
    public String reason() {
        return reason;
    }
}
