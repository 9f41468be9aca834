package dev.cdp.identity.source;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A tracking call without a write key of an enabled source; the message says which it was. */
public class SourceRejectedException extends ApiException {

    public SourceRejectedException(String message) {
        super(ErrorKind.UNAUTHENTICATED, "source", message);
    }
}
