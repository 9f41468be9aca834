package dev.cdp.segment.growth;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;
import java.time.Instant;

/** A model runs one at a time: asked while a run is in progress, the request says which. */
public class RunInProgressException extends ApiException {

    public RunInProgressException(String model, String runId, Instant since) {
        super(ErrorKind.CONFLICT, null, model + " run " + runId + " is in progress since " + since + "; wait for it");
    }
}
