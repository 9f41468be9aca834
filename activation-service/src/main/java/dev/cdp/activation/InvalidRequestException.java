package dev.cdp.activation;

/** A request that cannot be served as given; the message names the field and says what is wrong. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
    }
}
