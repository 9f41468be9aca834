package dev.cdp.identity.imports;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A file with more rows than one import takes; nothing of it is applied. */
public class ImportTooLargeException extends ApiException {

    public ImportTooLargeException(int rows, int maxRows) {
        super(
                ErrorKind.TOO_LARGE,
                "file",
                "file has " + rows + " rows; an import takes at most " + maxRows
                        + ": split it, each part with its own id");
    }
}
