package dev.cdp.identity.privacy.export;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A service an export needs did not answer; the message names it and why. */
public class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String service, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, null, service + " did not answer the export: " + cause.getMessage(), cause);
    }
}
