package dev.cdp.identity.consent;

import dev.cdp.platform.error.InvalidInputException;

/** A consent object that is not {@code {"<purpose>": {"<channel>": true|false}}}; names the field. */
public class InvalidConsentException extends InvalidInputException {

    public InvalidConsentException(String field, String message) {
        super(field, message);
    }

    /** The message without the field name, for callers that report the field separately. */
    public String reason() {
        return getMessage().substring(field().length() + 2);
    }
}
