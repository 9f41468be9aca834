package dev.cdp.platform.db;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/**
 * What a transaction read was changed by another before it could write: running it again is the
 * fix, so a caller is answered 503 with Retry-After and a consumer's work runs again.
 */
public class ConcurrentChangeException extends ApiException {

    public ConcurrentChangeException(String message) {
        super(ErrorKind.UNAVAILABLE, null, message);
    }
}
