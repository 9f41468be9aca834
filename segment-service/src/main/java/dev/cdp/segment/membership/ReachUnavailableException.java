package dev.cdp.segment.membership;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** identity-service did not count a preview's reach: worth asking again, or previewing without it. */
public class ReachUnavailableException extends ApiException {

    public ReachUnavailableException(Throwable cause) {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                "identity-service did not count the reach (" + cause.getMessage()
                        + "); ask again shortly, or preview without reach",
                cause);
    }
}
