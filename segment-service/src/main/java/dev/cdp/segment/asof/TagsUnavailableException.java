package dev.cdp.segment.asof;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** tag-service did not answer a scan of the tags: worth asking again once it is back. */
public class TagsUnavailableException extends ApiException {

    public TagsUnavailableException(String why, Throwable cause) {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                "tag-service could not scan the tags (" + why + "); try again shortly",
                cause);
    }
}
