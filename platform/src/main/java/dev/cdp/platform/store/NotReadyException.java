package dev.cdp.platform.store;

/**
 * Work that arrived before the service finished starting (a catalogue or a vocabulary not loaded
 * yet): like a store outage, it waits and runs again, and a request is answered 503.
 */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
