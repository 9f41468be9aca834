package dev.cdp.segment.growth;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

public class UnknownRunException extends ApiException {

    public UnknownRunException(String what) {
        super(ErrorKind.NOT_FOUND, null, what);
    }
}
