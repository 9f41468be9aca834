package dev.cdp.segment.export;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** identity-service did not answer for an export's identifiers, after the retries. */
public class IdentityUnavailableException extends ApiException {

    public IdentityUnavailableException(Throwable cause) {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                "identity-service did not answer for the members' identifiers: " + cause.getMessage()
                        + "; export again",
                cause);
    }
}
