package dev.cdp.segment.definition;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** An archived segment is kept as it was: define a new one instead of editing it. */
public class ArchivedSegmentException extends ApiException {

    public ArchivedSegmentException(String name) {
        super(ErrorKind.CONFLICT, null, "segment \"" + name + "\" is archived; define a new segment instead");
    }
}
