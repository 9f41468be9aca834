package dev.cdp.platform.error;

/** A request field that cannot be accepted as given; the message is {@code field: reason}. */
public class InvalidInputException extends ApiException {

    public InvalidInputException(String field, String reason) {
        super(ErrorKind.INVALID, field, field + ": " + reason);
    }
}
