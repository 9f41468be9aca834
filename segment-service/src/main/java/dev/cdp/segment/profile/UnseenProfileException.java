package dev.cdp.segment.profile;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A profile whose tags never reached segment-service: there is nothing to decide it on. */
public class UnseenProfileException extends ApiException {

    public UnseenProfileException(String oneId) {
        super(
                ErrorKind.NOT_FOUND,
                null,
                "no tags of profile " + oneId + " have reached segment-service; GET /v1/tags/" + oneId
                        + " on tag-service shows whether it has any");
    }
}
