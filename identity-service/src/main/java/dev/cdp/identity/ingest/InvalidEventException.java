package dev.cdp.identity.ingest;

/** An event that breaks the Segment spec or our limits; the message names the field and says why. */
public class InvalidEventException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidEventException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    public String reason() {
        return reason;
    }
}
