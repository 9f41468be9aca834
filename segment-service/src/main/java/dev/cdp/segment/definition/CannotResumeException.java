package dev.cdp.segment.definition;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A paused segment whose rule no longer passes the checks (a tag it reads was retired) stays paused until edited. */
public class CannotResumeException extends ApiException {

    public CannotResumeException(String name, String problem) {
        super(
                ErrorKind.CONFLICT,
                "rule",
                "segment \"" + name + "\" cannot resume: " + problem + "; edit its rule first");
    }
}
