package dev.cdp.identity.profile;

/**
 * A normalised identifier: {@code type} is the name of a configured identifier type, {@code value}
 * its canonical form (see {@code IdentifierTypes#value}).
 */
public record IdentifierValue(String type, String value) {

    public String key() {
        return ProfileIdentifier.key(type, value);
    }
}
