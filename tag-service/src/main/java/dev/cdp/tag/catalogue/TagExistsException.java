package dev.cdp.tag.catalogue;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** A definition for a code that is taken: tags change by update, so their history stays one line. */
public class TagExistsException extends ApiException {

    public TagExistsException(TagDefinition current) {
        super(
                ErrorKind.CONFLICT,
                "code",
                "tag " + current.code() + " exists (version " + current.version() + "); update it instead");
    }
}
