package dev.cdp.segment.definition;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** Segment names are unique, so that people and activations can refer to segments by name. */
public class DuplicateSegmentException extends ApiException {

    public DuplicateSegmentException(String name) {
        super(
                ErrorKind.CONFLICT,
                "name",
                "name: a segment named \"" + name
                        + "\" already exists; choose another name or use the existing segment");
    }
}
