package dev.cdp.segment.export;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A snapshot asked for while the segment's members are being decided again: they are not complete. */
public class SegmentRebuildingException extends ApiException {

    public SegmentRebuildingException(String segmentId, long done, long total) {
        super(
                ErrorKind.CONFLICT,
                null,
                "segment \"" + segmentId + "\" is being rebuilt (" + done + " of " + total
                        + " profiles decided): take the snapshot when its backfill is DONE; exports meanwhile"
                        + " answer with its last snapshot");
    }
}
