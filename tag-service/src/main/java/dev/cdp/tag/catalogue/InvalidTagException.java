package dev.cdp.tag.catalogue;

/** A tag definition or value that cannot be accepted; says which field and what is wrong. */
public class InvalidTagException extends IllegalArgumentException {

    private final String field;

    public InvalidTagException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
