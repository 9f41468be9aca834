package dev.cdp.identity.ingest;

/** An event that breaks the Segment spec or our limits; the message names the field and says why. */
public class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
