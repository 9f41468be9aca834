package dev.cdp.segment.behaviour;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** tag-service could not be asked for the tags of a segment's DID conditions: worth trying again once it is back. */
public class ManagedTagsUnavailableException extends ApiException {

    public ManagedTagsUnavailableException(String why, Throwable cause) {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                "tag-service could not define the tags of the DID conditions (" + why + "); try again shortly",
                cause);
    }
}
