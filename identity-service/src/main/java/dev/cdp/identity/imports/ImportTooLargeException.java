package dev.cdp.identity.imports;

/** A file with more rows than one import takes; nothing of it is applied. */
public class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(int rows, int maxRows) {
        super("file has " + rows + " rows; an import takes at most " + maxRows + ": split it, each part with its own id");
    }
}
