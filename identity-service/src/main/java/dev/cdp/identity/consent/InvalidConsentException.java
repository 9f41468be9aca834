package dev.cdp.identity.consent;

/** A consent object that is not {@code {"<purpose>": {"<channel>": true|false}}}; names the field. */
public class InvalidConsentException extends IllegalArgumentException {

    private final String field;

    public InvalidConsentException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name, for callers that report the field separately. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
