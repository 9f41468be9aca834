package dev.cdp.tag.catalogue;

import dev.cdp.platform.error.InvalidInputException;

/** A tag definition or value that cannot be accepted; says which field and what is wrong. */
public class InvalidTagException extends InvalidInputException {

    public InvalidTagException(String field, String problem) {
        super(field, problem);
    }
}
