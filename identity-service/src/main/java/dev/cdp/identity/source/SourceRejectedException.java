package dev.cdp.identity.source;

/** A tracking call without a write key of an enabled source; the message says which it was. */
public class SourceRejectedException extends IllegalArgumentException {

    public SourceRejectedException(String message) {
        super(message);
    }
}
