package dev.cdp.platform.store;

import java.util.List;

/** A request that failed because a store did not answer: the caller should retry later (503, UNAVAILABLE). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(List<String> stores, Throwable cause) {
        super(String.join(" and ", stores) + " did not answer; retry in a few seconds", cause);
    }

    public StoreUnavailableException(NotReadyException starting) {
        super(starting.getMessage() + "; retry in a few seconds", starting);
    }
}
