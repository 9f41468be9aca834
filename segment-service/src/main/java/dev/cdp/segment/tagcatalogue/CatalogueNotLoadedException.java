package dev.cdp.segment.tagcatalogue;

import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.error.ErrorKind;

/** No tag is known yet: a definition cannot be checked until tag-service's catalogue has been read. */
public class CatalogueNotLoadedException extends ApiException {

    public CatalogueNotLoadedException() {
        super(
                ErrorKind.UNAVAILABLE,
                null,
                "the tag catalogue has not been read from cdp.tags.catalogue yet (tag-service publishes it when it starts); retry shortly");
    }
}
