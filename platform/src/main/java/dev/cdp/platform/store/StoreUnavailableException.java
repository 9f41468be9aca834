package dev.cdp.platform.store;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;
import java.util.List;

/** A request that failed because a store did not answer: the caller should retry later (503, UNAVAILABLE). */
public class StoreUnavailableException extends ApiException {

    public StoreUnavailableException(List<String> stores, Throwable cause) {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                String.join(" and ", stores) + " did not answer; retry in a few seconds",
                cause);
    }

    public StoreUnavailableException(NotReadyException starting) {
        super(ErrorKind.UNAVAILABLE, null, starting.getMessage() + "; retry in a few seconds", starting);
    }
}
