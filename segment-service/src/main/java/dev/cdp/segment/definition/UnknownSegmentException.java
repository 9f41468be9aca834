package dev.cdp.segment.definition;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** No segment has the id asked for. */
public class UnknownSegmentException extends ApiException {

    public UnknownSegmentException(String id) {
        super(ErrorKind.NOT_FOUND, null, "no segment has id \"" + id + "\"; GET /v1/segments lists them");
    }
}
