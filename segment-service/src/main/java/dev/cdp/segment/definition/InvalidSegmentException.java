package dev.cdp.segment.definition;

/** A segment definition that cannot be accepted; the message starts with the field, e.g. {@code rule: ...}. */
public class InvalidSegmentException extends IllegalArgumentException {

    private final String field;

    public InvalidSegmentException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
