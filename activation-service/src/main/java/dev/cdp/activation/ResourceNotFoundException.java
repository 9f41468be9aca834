package dev.cdp.activation;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A request naming something that does not exist. */
public class ResourceNotFoundException extends ApiException {

    public ResourceNotFoundException(String message) {
        super(ErrorKind.NOT_FOUND, null, message);
    }
}
