package dev.cdp.identity.imports;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** An import that cannot be read as a whole (kind, id, header); nothing of it is applied. */
public class InvalidImportException extends ApiException {

    public InvalidImportException(String field, String reason) {
        super(ErrorKind.INVALID, field, field + " " + reason);
    }
}
