package dev.cdp.segment.definition;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A segment other active segments read with IN SEGMENT cannot be archived: they would lose their members silently. */
public class SegmentInUseException extends ApiException {

    public SegmentInUseException(String name, String readBy) {
        super(
                ErrorKind.CONFLICT,
                null,
                "segment \"" + readBy + "\" reads \"" + name + "\" with IN SEGMENT; edit or archive it first");
    }
}
