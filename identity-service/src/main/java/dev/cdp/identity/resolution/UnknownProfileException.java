package dev.cdp.identity.resolution;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** No live profile is what the request names; the message says which. */
public class UnknownProfileException extends ApiException {

    public UnknownProfileException(String message) {
        super(ErrorKind.NOT_FOUND, null, message);
    }
}
