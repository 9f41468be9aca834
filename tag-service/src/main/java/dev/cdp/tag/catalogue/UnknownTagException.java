package dev.cdp.tag.catalogue;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** No tag, or nothing of a tag, is what the request names; the message says which. */
public class UnknownTagException extends ApiException {

    public UnknownTagException(String message) {
        super(ErrorKind.NOT_FOUND, null, message);
    }
}
