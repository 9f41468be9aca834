package dev.cdp.platform.error;

/** A request field that cannot be accepted as given; the message is {@code field: reason}. */
public class InvalidInputException extends ApiException {

    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(ErrorKind.INVALID, field, field + ": " + reason);
        this.reason = reason;
    }

    /** What is wrong, without the field. */
    public String reason() {
        return reason;
    }
}
