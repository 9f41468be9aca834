package dev.cdp.identity.imports;

/** An import that cannot be read as a whole (kind, id, header); nothing of it is applied. */
public class InvalidImportException extends RuntimeException {

    private final String field;

    public InvalidImportException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
