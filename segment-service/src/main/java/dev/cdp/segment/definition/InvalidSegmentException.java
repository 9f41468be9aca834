package dev.cdp.segment.definition;

import dev.cdp.platform.error.InvalidInputException;

/** A segment definition that cannot be accepted; the message starts with the field, e.g. {@code rule: ...}. */
public class InvalidSegmentException extends InvalidInputException {

    public InvalidSegmentException(String field, String problem) {
        super(field, problem);
    }
}
