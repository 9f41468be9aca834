package dev.cdp.identity.privacy.export;

/** A service an export needs did not answer; the message names it and why. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " did not answer the export: " + cause.getMessage(), cause);
    }
}
