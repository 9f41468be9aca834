package dev.cdp.platform.db;

/** What a transaction read was changed by another before it could write: running it again is the fix. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
